/** A stakeholder's stance history on one proposition: every position in date order, with its changes. */
import { queryRows } from "../../common/sql";
import { Context } from "../../server/context";
import { Position, Stance } from "../position/position.entity";
import { positionById } from "../position/position.loaders";
import { resolveSlugs } from "./analysis.rules";
import { StanceHistoryEntry } from "./analysis.types";

export async function stanceHistory(ctx: Context, stakeholder: string, proposition: string): Promise<StanceHistoryEntry[]> {
  const [[stakeholderId], [propositionId]] = (await resolveSlugs(ctx.manager, [
    { type: "Stakeholder", field: "stakeholder", slugs: [stakeholder], single: true },
    { type: "Proposition", field: "proposition", slugs: [proposition], single: true },
  ])) as string[][];
  // Same-day positions keep the order in which they were recorded.
  const rows = await queryRows<Position & { previousStance__: Stance | null }>(
    ctx.manager,
    `SELECT p.*, lag(p.stance) OVER (ORDER BY p.stated_on, p.created_at, p.id) AS previous_stance__
     FROM position p
     WHERE p.stakeholder_id = $1 AND p.proposition_id = $2
     ORDER BY p.stated_on, p.created_at, p.id`,
    [stakeholderId, propositionId],
  );
  return rows.map((row) => {
    const { previousStance__: previous, ...position } = row;
    positionById(ctx).prime(position.id, position as Position);
    return {
      position: position as Position,
      stance: position.stance,
      statedOn: position.statedOn,
      changed: previous !== null && previous !== position.stance,
      previousStance: previous,
    };
  });
}
