/** Batched lookups of propositions, made per request. */
import DataLoader from "dataloader";
import { GraphQLResolveInfo } from "graphql";
import { columnsFor } from "../../common/selection";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Proposition } from "./proposition.entity";

/**
 * Propositions by uuid. Given the field being resolved, only the columns its
 * selection needs are read (common/selection.ts): such rows serve that field only.
 */
export function propositionById(ctx: Context, info?: GraphQLResolveInfo): DataLoader<string, Proposition | null> {
  const columns = columnsFor(info, ctx.manager, Proposition);
  return ctx.loaders.get(`proposition.byId:${columns.key}`, async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Proposition>(ctx.manager, "proposition", "id", ids, columns), (p) => p.id),
  );
}

/** Propositions by slug, for `proposition(slug)`. */
export function propositionBySlug(ctx: Context): DataLoader<string, Proposition | null> {
  return ctx.loaders.get("proposition.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Proposition>(ctx.manager, "proposition", "slug", slugs), (p) => p.slug),
  );
}
