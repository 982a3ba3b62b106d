/**
 * Events and positions on one timeline, oldest first, keyset-paged over
 * (date, kind, id): one statement per page, each side taking its own index
 * (event (start_date, id), position (stated_on, id)) up to the page size
 * before the two are merged.
 */
import { pageSize } from "../../common/connection";
import { decodeCursor, encodeCursor } from "../../common/cursor";
import { isUuid } from "../../common/global-id";
import { isIsoDate } from "../../common/scalars";
import { Params, queryObjects } from "../../common/sql";
import { badInput } from "../../errors";
import { Context } from "../../server/context";
import { Event } from "../event/event.entity";
import { eventById } from "../event/event.loaders";
import { Position } from "../position/position.entity";
import { positionById } from "../position/position.loaders";
import { MAX_NAMED_PROPOSITIONS, MAX_NAMED_STAKEHOLDERS, TimelineArgs } from "./analysis.args";
import { ArgValidator, jsonRow, named, resolveSlugs } from "./analysis.rules";
import { TimelineConnection, TimelineItem, TimelineItemKind } from "./analysis.types";

type Cursor = [date: string, kind: TimelineItemKind, id: string];

function parseCursor(after: string): Cursor {
  const [date, kind, id] = decodeCursor(after, 3);
  if (
    typeof date !== "string" ||
    !isIsoDate(date) ||
    (kind !== TimelineItemKind.EVENT && kind !== TimelineItemKind.POSITION) ||
    typeof id !== "string" ||
    !isUuid(id)
  ) {
    throw badInput([{ path: "after", message: "is not a cursor returned by this list" }]);
  }
  return [date, kind, id];
}

export async function timeline(ctx: Context, args: TimelineArgs): Promise<TimelineConnection> {
  const v = new ArgValidator();
  v.listSize("stakeholders", args.stakeholders, MAX_NAMED_STAKEHOLDERS);
  v.listSize("propositions", args.propositions, MAX_NAMED_PROPOSITIONS);
  v.dateRange("from", args.from, "to", args.to);
  v.done();
  const size = pageSize(args.first);
  const cursor = args.after ? parseCursor(args.after) : null;
  const [stakeholderIds, propositionIds] = await resolveSlugs(ctx.manager, [
    { type: "Stakeholder", field: "stakeholders", slugs: args.stakeholders },
    { type: "Proposition", field: "propositions", slugs: args.propositions },
  ]);
  const include = named(args.include) ?? [TimelineItemKind.EVENT, TimelineItemKind.POSITION];
  const kinds = named(args.kinds);

  const params = new Params();
  const events: string[] = [];
  const positions: string[] = [];
  if (args.from) {
    const from = params.add(args.from);
    events.push(`e.start_date >= ${from}::date`);
    positions.push(`p.stated_on >= ${from}::date`);
  }
  if (args.to) {
    const to = params.add(args.to);
    events.push(`e.start_date <= ${to}::date`);
    positions.push(`p.stated_on <= ${to}::date`);
  }
  if (stakeholderIds) {
    const s = params.add(stakeholderIds);
    positions.push(`p.stakeholder_id = ANY(${s}::uuid[])`);
    // A semi-join on the stakeholders' own events (not an EXISTS per event):
    // the planner then knows how few they are and can start from them.
    events.push(`e.id IN (SELECT ep.event_id FROM event_participant ep WHERE ep.stakeholder_id = ANY(${s}::uuid[])
      UNION ALL SELECT v.event_id FROM vote v WHERE v.stakeholder_id = ANY(${s}::uuid[]))`);
  }
  if (propositionIds) positions.push(`p.proposition_id = ANY(${params.add(propositionIds)}::uuid[])`);
  if (kinds) events.push(`e.kind = ANY(${params.add(kinds)}::event_kind[])`);
  const countParams = [...params.values];
  const countEvents = [...events];
  const countPositions = [...positions];

  if (cursor) {
    const [date, kind, id] = cursor;
    const d = params.add(date);
    const i = params.add(id);
    // On the cursor's day events come before positions, then ids ascend.
    if (kind === TimelineItemKind.EVENT) {
      events.push(`(e.start_date, e.id) > (${d}::date, ${i}::uuid)`);
      positions.push(`p.stated_on >= ${d}::date`);
    } else {
      events.push(`e.start_date > ${d}::date`);
      positions.push(`(p.stated_on, p.id) > (${d}::date, ${i}::uuid)`);
    }
  }

  const limit = params.add(size + 1);
  const whereOf = (conds: string[]) => (conds.length ? `WHERE ${conds.join(" AND ")}` : "");
  const branches: string[] = [];
  if (include.includes(TimelineItemKind.EVENT)) {
    branches.push(`(SELECT e.start_date AS date, 'EVENT' AS kind, e.id FROM event e ${whereOf(events)}
      ORDER BY e.start_date, e.id LIMIT ${limit})`);
  }
  if (include.includes(TimelineItemKind.POSITION)) {
    branches.push(`(SELECT p.stated_on AS date, 'POSITION' AS kind, p.id FROM position p ${whereOf(positions)}
      ORDER BY p.stated_on, p.id LIMIT ${limit})`);
  }
  // Rows are turned into JSON only for the page, after the merge.
  const raw: Array<{ date: string; kind: TimelineItemKind; id: string; row: Record<string, unknown> }> =
    await queryObjects(ctx.manager, 
      `SELECT t.date::text AS date, t.kind, t.id::text AS id,
              CASE t.kind WHEN 'EVENT' THEN (SELECT to_jsonb(e) FROM event e WHERE e.id = t.id)
                          ELSE (SELECT to_jsonb(p) FROM position p WHERE p.id = t.id) END AS row
       FROM (${branches.join(" UNION ALL ")}) t
       ORDER BY t.date, t.kind, t.id
       LIMIT ${limit}`,
      params.values,
    );

  const items: TimelineItem[] = raw.slice(0, size).map((r) => {
    if (r.kind === TimelineItemKind.EVENT) {
      const event = jsonRow<Event>(r.row);
      eventById(ctx).prime(event.id, event);
      return { date: r.date, kind: r.kind, event, position: null };
    }
    const position = jsonRow<Position>(r.row);
    positionById(ctx).prime(position.id, position);
    return { date: r.date, kind: r.kind, event: null, position };
  });
  const edges = raw.slice(0, size).map((r, i) => ({ node: items[i], cursor: encodeCursor([r.date, r.kind, r.id]) }));

  const conn = new TimelineConnection();
  conn.edges = edges;
  conn.nodes = items;
  conn.pageInfo = {
    hasNextPage: raw.length > size,
    hasPreviousPage: Boolean(args.after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  conn.countAll = async () => {
    const parts: string[] = [];
    if (include.includes(TimelineItemKind.EVENT)) parts.push(`(SELECT count(*) FROM event e ${whereOf(countEvents)})`);
    if (include.includes(TimelineItemKind.POSITION)) {
      parts.push(`(SELECT count(*) FROM position p ${whereOf(countPositions)})`);
    }
    const [{ count }] = await queryObjects(ctx.manager, `SELECT (${parts.join(" + ")})::int AS count`, countParams);
    return count;
  };
  return conn;
}
