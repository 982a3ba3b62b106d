/** Batched reads of positions and their event links, made per request. */
import DataLoader from "dataloader";
import { GraphQLResolveInfo } from "graphql";
import { columnsFor } from "../../common/selection";
import { pageSize } from "../../common/connection";
import { Params, byKey, rowsPerParent, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Position, PositionEventLink, PositionEventRelation, Stance } from "./position.entity";

export function positionById(ctx: Context): DataLoader<string, Position | null> {
  return ctx.loaders.get("position.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Position>(ctx.manager, "position", "id", ids), (p) => p.id),
  );
}

export interface PositionListArgs {
  first?: number | null;
  stance?: Stance[] | null;
}

/**
 * Newest positions first, per parent (`stakeholder_id`, `proposition_id`,
 * `speaker_id` or `source_id`), for all parents of a request in one statement.
 * Given the field being resolved, only the columns its selection needs are read.
 */
export function positionsBy(
  ctx: Context,
  parentColumn: "stakeholder_id" | "proposition_id" | "speaker_id" | "source_id",
  args: PositionListArgs,
  info?: GraphQLResolveInfo,
): DataLoader<string, Position[]> {
  const limit = pageSize(args.first);
  const stance = args.stance?.length ? args.stance : null;
  const columns = columnsFor(info, ctx.manager, Position);
  return ctx.loaders.get(`position.by.${parentColumn}:${limit}:${stance}:${columns.key}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where = stance ? [`t.stance = ANY(${params.add(stance)}::stance[])`] : [];
    return rowsPerParent<Position>(ctx.manager, {
      from: "position t",
      select: columns.list("t"),
      parentColumn: `t.${parentColumn}`,
      parentKeys: keys,
      orderBy: "t.stated_on DESC, t.id DESC",
      limit,
      where,
      params,
    });
  });
}

/** Links from positions to events, per position; given the field, only the columns it needs. */
export function eventLinksByPosition(
  ctx: Context,
  relation: PositionEventRelation[] | null | undefined,
  first?: number | null,
  info?: GraphQLResolveInfo,
): DataLoader<string, PositionEventLink[]> {
  const rel = relation?.length ? relation : null;
  const limit = pageSize(first);
  const columns = columnsFor(info, ctx.manager, PositionEventLink);
  return ctx.loaders.get(`positionEvent.byPosition:${rel}:${limit}:${columns.key}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where = rel ? [`t.relation = ANY(${params.add(rel)}::position_event_relation[])`] : [];
    return rowsPerParent<PositionEventLink>(ctx.manager, {
      from: "position_event t",
      select: columns.list("t"),
      parentColumn: "t.position_id",
      parentKeys: keys,
      orderBy: "t.created_at, t.id",
      limit,
      where,
      params,
    });
  });
}

/**
 * Positions linked to each event (optionally by relation), newest first, in
 * one statement. Links carry their position's date (`position_stated_on`), so
 * the index on (event, date) yields an event's latest positions without
 * reading its other links; DISTINCT ON counts a position linked twice once.
 */
export function positionsByEvent(
  ctx: Context,
  args: { relation?: PositionEventRelation[] | null; first?: number | null },
  info?: GraphQLResolveInfo,
): DataLoader<string, Position[]> {
  const limit = pageSize(args.first);
  const rel = args.relation?.length ? args.relation : null;
  const columns = columnsFor(info, ctx.manager, Position);
  return ctx.loaders.get(`position.byEvent:${rel}:${limit}:${columns.key}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where = rel ? [`l.relation = ANY(${params.add(rel)}::position_event_relation[])`] : [];
    return rowsPerParent<Position>(ctx.manager, {
      from: "position_event l JOIN position t ON t.id = l.position_id",
      select: `DISTINCT ON (l.position_stated_on, l.position_id) ${columns.list("t")}`,
      parentColumn: "l.event_id",
      parentKeys: keys,
      orderBy: "l.position_stated_on DESC, l.position_id DESC",
      limit,
      where,
      params,
    });
  });
}
