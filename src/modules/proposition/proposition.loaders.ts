import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Proposition } from "./proposition.entity";

export function propositionById(ctx: Context): DataLoader<string, Proposition | null> {
  return ctx.loaders.get("proposition.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Proposition>(ctx.manager, "proposition", "id", ids), (p) => p.id),
  );
}
