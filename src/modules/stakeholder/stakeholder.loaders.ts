/** Batched lookups of stakeholders, made per request. */
import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Stakeholder } from "./stakeholder.entity";

export function stakeholderById(ctx: Context): DataLoader<string, Stakeholder | null> {
  return ctx.loaders.get("stakeholder.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Stakeholder>(ctx.manager, "stakeholder", "id", ids), (s) => s.id),
  );
}

export function stakeholderBySlug(ctx: Context): DataLoader<string, Stakeholder | null> {
  return ctx.loaders.get("stakeholder.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Stakeholder>(ctx.manager, "stakeholder", "slug", slugs), (s) => s.slug),
  );
}
