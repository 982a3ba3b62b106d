/** Batched reads of ballots, per event or per stakeholder. */
import DataLoader from "dataloader";
import { rowsPerParent } from "../../common/sql";
import { Context } from "../../server/context";
import { Vote } from "./vote.entity";

export function votesBy(ctx: Context, parentColumn: "event_id" | "stakeholder_id"): DataLoader<string, Vote[]> {
  return ctx.loaders.get(`vote.by.${parentColumn}`, (keys: readonly string[]) =>
    rowsPerParent<Vote>(ctx.manager, {
      from: "vote t JOIN event e ON e.id = t.event_id",
      select: "t.*",
      parentColumn: `t.${parentColumn}`,
      parentKeys: keys,
      orderBy: "e.start_date DESC, t.choice, t.id",
      limit: 1000,
    }),
  );
}
