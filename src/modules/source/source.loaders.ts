/** Batched lookups of sources, made per request. */
import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Source } from "./source.entity";

/** Sources by uuid. */
export function sourceById(ctx: Context): DataLoader<string, Source | null> {
  return ctx.loaders.get("source.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Source>(ctx.manager, "source", "id", ids), (s) => s.id),
  );
}

/** Sources by slug, for `source(slug)`. */
export function sourceBySlug(ctx: Context): DataLoader<string, Source | null> {
  return ctx.loaders.get("source.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Source>(ctx.manager, "source", "slug", slugs), (s) => s.slug),
  );
}
