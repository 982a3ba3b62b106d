/** Batched reads of events and what hangs off them, made per request. */
import DataLoader from "dataloader";
import { GraphQLResolveInfo } from "graphql";
import { columnsFor } from "../../common/selection";
import { pageSize } from "../../common/connection";
import { Params, byKey, rowsPerParent, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { PositionEventLink, PositionEventRelation } from "../position/position.entity";
import { Event, EventParticipant, EventRelation, FatalityClaim, ParticipantRole } from "./event.entity";

/**
 * Events by uuid. Given the field being resolved, only the columns its
 * selection needs are read (common/selection.ts): such rows serve that field only.
 */
export function eventById(ctx: Context, info?: GraphQLResolveInfo): DataLoader<string, Event | null> {
  const columns = columnsFor(info, ctx.manager, Event);
  return ctx.loaders.get(`event.byId:${columns.key}`, async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Event>(ctx.manager, "event", "id", ids, columns), (e) => e.id),
  );
}

/** Participants per event (`event_id`) or per stakeholder (`stakeholder_id`), optionally by role. */
export function participantsBy(
  ctx: Context,
  parentColumn: "event_id" | "stakeholder_id",
  args: { role?: ParticipantRole[] | null; first?: number | null },
): DataLoader<string, EventParticipant[]> {
  const role = args.role?.length ? args.role : null;
  const limit = parentColumn === "event_id" ? 1000 : pageSize(args.first);
  return ctx.loaders.get(`participant.by.${parentColumn}:${role}:${limit}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where = role ? [`t.role = ANY(${params.add(role)}::participant_role[])`] : [];
    return rowsPerParent<EventParticipant>(ctx.manager, {
      from: "event_participant t JOIN event e ON e.id = t.event_id",
      select: "t.*",
      parentColumn: `t.${parentColumn}`,
      parentKeys: keys,
      // A stakeholder's events newest first; an event's participants by role.
      orderBy: parentColumn === "event_id" ? "t.role, t.created_at, t.id" : "e.start_date DESC, t.id",
      limit,
      where,
      params,
    });
  });
}

export function fatalityClaimsByEvent(ctx: Context): DataLoader<string, FatalityClaim[]> {
  return ctx.loaders.get("fatalityClaim.byEvent", (keys: readonly string[]) =>
    rowsPerParent<FatalityClaim>(ctx.manager, {
      from: "fatality_claim t",
      parentColumn: "t.event_id",
      parentKeys: keys,
      // A claim of "at least 500" (low only) outranks a best estimate of 203.
      orderBy: "COALESCE(t.best, t.low, t.high) DESC, t.id",
      limit: 1000,
    }),
  );
}

/** Relations where the event is `from` (outgoing) or `to` (incoming). */
export function relationsBy(ctx: Context, direction: "from_event_id" | "to_event_id"): DataLoader<string, EventRelation[]> {
  return ctx.loaders.get(`eventRelation.by.${direction}`, (keys: readonly string[]) =>
    rowsPerParent<EventRelation>(ctx.manager, {
      from: "event_relation t",
      parentColumn: `t.${direction}`,
      parentKeys: keys,
      orderBy: "t.relation, t.id",
      limit: 1000,
    }),
  );
}

export function eventBySlug(ctx: Context): DataLoader<string, Event | null> {
  return ctx.loaders.get("event.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Event>(ctx.manager, "event", "slug", slugs), (e) => e.slug),
  );
}

/** Links from positions to each event (optionally by relation), oldest link first. */
export function positionLinksByEvent(
  ctx: Context,
  relation: PositionEventRelation[] | null | undefined,
): DataLoader<string, PositionEventLink[]> {
  const rel = relation?.length ? relation : null;
  return ctx.loaders.get(`positionEvent.byEvent:${rel}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where = rel ? [`t.relation = ANY(${params.add(rel)}::position_event_relation[])`] : [];
    return rowsPerParent<PositionEventLink>(ctx.manager, {
      from: "position_event t",
      parentColumn: "t.event_id",
      parentKeys: keys,
      orderBy: "t.created_at, t.id",
      limit: 1000,
      where,
      params,
    });
  });
}
