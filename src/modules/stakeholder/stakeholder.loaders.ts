/** Batched lookups of stakeholders, made per request. */
import DataLoader from "dataloader";
import { GraphQLResolveInfo } from "graphql";
import { columnsFor } from "../../common/selection";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Stakeholder } from "./stakeholder.entity";

/**
 * Stakeholders by uuid. Given the field being resolved, only the columns its
 * selection needs are read (common/selection.ts): such rows serve that field only.
 */
export function stakeholderById(ctx: Context, info?: GraphQLResolveInfo): DataLoader<string, Stakeholder | null> {
  const columns = columnsFor(info, ctx.manager, Stakeholder);
  return ctx.loaders.get(`stakeholder.byId:${columns.key}`, async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Stakeholder>(ctx.manager, "stakeholder", "id", ids, columns), (s) => s.id),
  );
}

export function stakeholderBySlug(ctx: Context): DataLoader<string, Stakeholder | null> {
  return ctx.loaders.get("stakeholder.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Stakeholder>(ctx.manager, "stakeholder", "slug", slugs), (s) => s.slug),
  );
}
