/**
 * Per-request loaders of the analysis fields on events, positions and
 * propositions: each batches every parent of a request into one statement
 * (a join with `unnest` of the parent ids, LATERAL per parent).
 */
import DataLoader from "dataloader";
import { pageSize } from "../../common/connection";
import { camelRow, groupByKey, Params, queryObjects } from "../../common/sql";
import { Context } from "../../server/context";
import { Event, EventKind } from "../event/event.entity";
import { Position, PositionEventRelation, Stance } from "../position/position.entity";
import { positionById } from "../position/position.loaders";
import { Proposition } from "../proposition/proposition.entity";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { Vote, VoteChoice } from "../vote/vote.entity";
import { LATEST_FIRST, jsonRow } from "./analysis.rules";
import { BallotVersusWords, PrecedingEvent, Reaction, StanceSummary } from "./analysis.types";

export interface WindowArgs {
  withinDays: number;
  first?: number | null;
  /** true: only linked; false: only unlinked; null: both. */
  linked?: boolean | null;
}

function linkFilter(linked: boolean | null | undefined, position: string, event: string): string {
  if (linked === null || linked === undefined) return "";
  const exists = `EXISTS (SELECT 1 FROM position_event pe WHERE pe.position_id = ${position} AND pe.event_id = ${event})`;
  return `AND ${linked ? "" : "NOT "}${exists}`;
}

/** Relations of a (position, event) pair, as a text[] the driver parses. */
const RELATIONS = `LEFT JOIN LATERAL (
    SELECT array_agg(pe.relation::text ORDER BY pe.relation) AS relations
    FROM position_event pe WHERE pe.position_id = p.id AND pe.event_id = e.id
  ) l ON true`;

/** Positions stated from an event's start date to `withinDays` later, soonest first. */
export function reactionsByEvent(ctx: Context, args: WindowArgs): DataLoader<string, Reaction[]> {
  const limit = pageSize(args.first);
  return ctx.loaders.get(`analysis.reactions:${args.withinDays}:${limit}:${args.linked}`, async (keys: readonly string[]) => {
    const params = new Params();
    const ids = params.add(keys);
    const days = params.add(args.withinDays);
    const rows = await queryObjects(ctx.manager, 
      `SELECT e.id::text AS parent_id__, (p.stated_on - e.start_date) AS days__, l.relations AS relations__, p.*
       FROM event e
       CROSS JOIN LATERAL (
         SELECT p.* FROM position p
         WHERE p.stated_on >= e.start_date AND p.stated_on <= e.start_date + ${days}::int
           ${linkFilter(args.linked, "p.id", "e.id")}
         ORDER BY p.stated_on, p.created_at, p.id
         LIMIT ${params.add(limit)}
       ) p
       ${RELATIONS}
       WHERE e.id = ANY(${ids}::uuid[])
       ORDER BY e.id, p.stated_on, p.created_at, p.id`,
      params.values,
    );
    const reactions = (rows as Array<Record<string, unknown>>).map((raw) => {
      const { parent_id__, days__, relations__, ...rest } = raw;
      const position = camelRow<Position>(rest);
      positionById(ctx).prime(position.id, position);
      const relations = (relations__ as PositionEventRelation[] | null) ?? [];
      return {
        parentId: parent_id__ as string,
        reaction: { position, daysAfter: days__ as number, linked: relations.length > 0, relations },
      };
    });
    return groupByKey(keys, reactions, (r) => r.parentId).map((list) => list.map((r) => r.reaction));
  });
}

/** Events that started from `withinDays` before a position's date to that date, closest first. */
export function precedingEventsByPosition(
  ctx: Context,
  args: WindowArgs & { kinds?: EventKind[] | null },
): DataLoader<string, PrecedingEvent[]> {
  const limit = pageSize(args.first);
  const kinds = args.kinds?.length ? args.kinds : null;
  return ctx.loaders.get(
    `analysis.precedingEvents:${args.withinDays}:${limit}:${args.linked}:${kinds}`,
    async (keys: readonly string[]) => {
      const params = new Params();
      const ids = params.add(keys);
      const days = params.add(args.withinDays);
      const kindFilter = kinds ? `AND e.kind = ANY(${params.add(kinds)}::event_kind[])` : "";
      const rows = await queryObjects(ctx.manager, 
        `SELECT p.id::text AS parent_id__, (p.stated_on - e.start_date) AS days__, l.relations AS relations__, e.*
         FROM position p
         CROSS JOIN LATERAL (
           SELECT e.* FROM event e
           WHERE e.start_date <= p.stated_on AND e.start_date >= p.stated_on - ${days}::int ${kindFilter}
             ${linkFilter(args.linked, "p.id", "e.id")}
           ORDER BY e.start_date DESC, e.id DESC
           LIMIT ${params.add(limit)}
         ) e
         ${RELATIONS}
         WHERE p.id = ANY(${ids}::uuid[])
         ORDER BY p.id, e.start_date DESC, e.id DESC`,
        params.values,
      );
      const preceding = (rows as Array<Record<string, unknown>>).map((raw) => {
        const { parent_id__, days__, relations__, ...rest } = raw;
        const event = camelRow<Event>(rest);
        const relations = (relations__ as PositionEventRelation[] | null) ?? [];
        return {
          parentId: parent_id__ as string,
          preceding: { event, daysBefore: days__ as number, linked: relations.length > 0, relations },
        };
      });
      return groupByKey(keys, preceding, (r) => r.parentId).map((list) => list.map((r) => r.preceding));
    },
  );
}

/**
 * Stance counts per proposition from each stakeholder's latest position on or
 * before `at` (today when null), one LATERAL DISTINCT ON per proposition.
 */
export function stanceSummaryByProposition(ctx: Context, at: string | null): DataLoader<string, StanceSummary> {
  return ctx.loaders.get(`analysis.stanceSummary:${at}`, async (keys: readonly string[]) => {
    const rows: Array<{ propositionId: string } & StanceSummary> = (
      await queryObjects(ctx.manager, 
        `SELECT k.id::text AS proposition_id, coalesce($2::date, current_date)::text AS at,
                count(l.stance) FILTER (WHERE l.stance = 'SUPPORT')::int AS support,
                count(l.stance) FILTER (WHERE l.stance = 'OPPOSE')::int AS oppose,
                count(l.stance) FILTER (WHERE l.stance = 'NEUTRAL')::int AS neutral,
                count(l.stance) FILTER (WHERE l.stance = 'MIXED')::int AS mixed,
                count(l.stance)::int AS total
         FROM unnest($1::uuid[]) AS k(id)
         LEFT JOIN LATERAL (
           SELECT DISTINCT ON (p.stakeholder_id) p.stance
           FROM position p
           WHERE p.proposition_id = k.id AND p.stated_on <= coalesce($2::date, current_date)
           ORDER BY p.stakeholder_id, ${LATEST_FIRST}
         ) l ON true
         GROUP BY k.id`,
        [keys, at],
      )
    ).map((r: Record<string, unknown>) => camelRow(r));
    const byId = new Map(rows.map((r) => [r.propositionId, r]));
    return keys.map((k) => {
      const { propositionId: _id, ...summary } = byId.get(k)!;
      return summary;
    });
  });
}

/** Which stances a ballot agrees with; NOT_PRESENT says nothing. */
const CONSISTENT_STANCES: Record<VoteChoice, Stance[] | null> = {
  [VoteChoice.YES]: [Stance.SUPPORT],
  [VoteChoice.NO]: [Stance.OPPOSE],
  [VoteChoice.ABSTAIN]: [Stance.NEUTRAL, Stance.MIXED],
  [VoteChoice.NOT_PRESENT]: null,
};

const CONTRARY: Partial<Record<Stance, Stance>> = { [Stance.SUPPORT]: Stance.OPPOSE, [Stance.OPPOSE]: Stance.SUPPORT };

/**
 * Whether a ballot matches the voter's stated stance (null when either says
 * nothing). With `yesOpposes` the stance is on the contrary of the motion.
 */
export function consistent(choice: VoteChoice, stance: Stance | null | undefined, yesOpposes = false): boolean | null {
  const expected = CONSISTENT_STANCES[choice];
  if (!expected || !stance) return null;
  return expected.includes(yesOpposes ? (CONTRARY[stance] ?? stance) : stance);
}

/**
 * Each ballot of a VOTE event next to the voter's latest position, on or
 * before the vote date, on the motion (or on `propositionId` when given).
 * Stakeholders, ballots, propositions and positions come back in the one
 * statement.
 */
export function ballotsByEvent(
  ctx: Context,
  propositionId: string | null,
  yesOpposes = false,
): DataLoader<string, BallotVersusWords[]> {
  return ctx.loaders.get(`analysis.ballots:${propositionId}:${yesOpposes}`, async (keys: readonly string[]) => {
    const rows: Array<{
      event_id: string;
      vote: Record<string, unknown>;
      stakeholder: Record<string, unknown>;
      proposition: Record<string, unknown>;
      stated: Record<string, unknown> | null;
    }> = await queryObjects(ctx.manager, 
      `SELECT v.event_id::text AS event_id, to_jsonb(v) AS vote, to_jsonb(s) AS stakeholder,
              to_jsonb(pr) AS proposition, to_jsonb(sp) AS stated
       FROM vote v
       JOIN event e ON e.id = v.event_id
       JOIN stakeholder s ON s.id = v.stakeholder_id
       JOIN proposition pr ON pr.id = coalesce($2::uuid, e.motion_id)
       LEFT JOIN LATERAL (
         SELECT p.* FROM position p
         WHERE p.stakeholder_id = v.stakeholder_id AND p.proposition_id = pr.id AND p.stated_on <= e.start_date
         ORDER BY ${LATEST_FIRST}
         LIMIT 1
       ) sp ON true
       WHERE v.event_id = ANY($1::uuid[]) AND e.kind = 'VOTE'
       ORDER BY v.event_id, v.choice, s.slug`,
      [keys, propositionId],
    );
    const ballots = rows.map((r) => {
      const vote = jsonRow<Vote>(r.vote);
      const stakeholder = jsonRow<Stakeholder>(r.stakeholder);
      const proposition = jsonRow<Proposition>(r.proposition);
      const stated = r.stated ? jsonRow<Position>(r.stated) : null;
      stakeholderById(ctx).prime(stakeholder.id, stakeholder);
      if (stated) positionById(ctx).prime(stated.id, stated);
      const ballot: BallotVersusWords = {
        stakeholderId: stakeholder.id,
        propositionId: proposition.id,
        vote,
        stakeholder,
        choice: vote.choice,
        proposition,
        statedPosition: stated,
        consistent: consistent(vote.choice, stated?.stance, yesOpposes),
      };
      return { eventId: r.event_id, ballot };
    });
    return groupByKey(keys, ballots, (b) => b.eventId).map((list) => list.map((b) => b.ballot));
  });
}

/** Proposition ids by slug (for arguments of nested fields: one statement however many parents ask). */
export function propositionIdBySlug(ctx: Context): DataLoader<string, string | null> {
  return ctx.loaders.get("analysis.propositionIdBySlug", async (slugs: readonly string[]) => {
    const rows: Array<{ id: string; slug: string }> = await queryObjects(ctx.manager, 
      `SELECT id::text AS id, slug FROM proposition WHERE slug = ANY($1)`,
      [slugs],
    );
    const ids = new Map(rows.map((r) => [r.slug, r.id]));
    return slugs.map((s) => ids.get(s) ?? null);
  });
}
