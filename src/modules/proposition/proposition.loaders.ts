/** Batched lookups of propositions, made per request. */
import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Proposition } from "./proposition.entity";

/** Propositions by uuid. */
export function propositionById(ctx: Context): DataLoader<string, Proposition | null> {
  return ctx.loaders.get("proposition.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Proposition>(ctx.manager, "proposition", "id", ids), (p) => p.id),
  );
}

/** Propositions by slug, for `proposition(slug)`. */
export function propositionBySlug(ctx: Context): DataLoader<string, Proposition | null> {
  return ctx.loaders.get("proposition.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Proposition>(ctx.manager, "proposition", "slug", slugs), (p) => p.slug),
  );
}
