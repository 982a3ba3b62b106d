import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Source } from "./source.entity";

export function sourceById(ctx: Context): DataLoader<string, Source | null> {
  return ctx.loaders.get("source.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Source>(ctx.manager, "source", "id", ids), (s) => s.id),
  );
}
