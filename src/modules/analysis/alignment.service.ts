/**
 * The actor network of DNA (Discourse Network Analyzer): stakeholders joined
 * by the propositions on which their latest stances agree or disagree.
 * Postgres builds the whole network in one statement: the latest-position set
 * is paired with itself (named stakeholders all, the others as pruned
 * candidates; the counting is in alignment.pairs.ts), and the stakeholders and
 * propositions of the result come back in the same statement (they prime the
 * loaders).
 */
import { EntityManager } from "typeorm";
import { inTransaction, pgErrorOf } from "../../common/crud";
import { byCodeUnits } from "../../common/order";
import { Params, queryObjects } from "../../common/sql";
import { inSharedSnapshot } from "../../db/shared-snapshot";
import { AppError, ErrorCode } from "../../errors";
import { Context } from "../../server/context";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { AlignmentArgs, MAX_EDGES, MAX_NAMED_PROPOSITIONS, MAX_NAMED_STAKEHOLDERS } from "./analysis.args";
import { Shared, countCandidatePairs, pairByBits, tallyPairs } from "./alignment.pairs";
import { ArgValidator, LATEST_FIRST, jsonRow, resolveSlugs } from "./analysis.rules";
import { AlignmentEdge, AlignmentMode, AlignmentNetwork, AlignmentNode } from "./analysis.types";

const WEIGHT: Record<AlignmentMode, string> = {
  [AlignmentMode.CONGRUENCE]: "agreements",
  [AlignmentMode.CONFLICT]: "disagreements",
  [AlignmentMode.SUBTRACT]: "agreements - disagreements",
};

/** Which shared propositions stand behind an edge of each mode (stances `a` and `b` of its two ends). */
const BEHIND: Record<AlignmentMode, string> = {
  [AlignmentMode.CONGRUENCE]: "AND b.sign = a.sign",
  [AlignmentMode.CONFLICT]: "AND b.sign <> a.sign",
  [AlignmentMode.SUBTRACT]: "",
};

/**
 * How many of the most decided stakeholders the pruning sample's hubs are
 * paired with, per hub (see `threshold` in `alignment`). The strongest edges
 * join a few busy stakeholders to many less busy ones: on M (bloc stances,
 * SUBTRACT over all time), 985 of the 1 000 strongest edges have an end among
 * the 50 most decided and the other among the 500 most. Pairing only the
 * busiest with each other (88 of them, 20 k positions) found a threshold of
 * 11 where the 1 001st edge weighs 17; 65 hubs and 520 spokes find 17 (2.7 →
 * 1.5 s for the network).
 */
const SPOKES_PER_HUB = 8;

/**
 * Into how many parts SUBTRACT's pairing of everyone is split, each run on
 * its own connection (its own Postgres backend, and core) on one shared
 * snapshot. Its threshold lets in pairs sharing prefix propositions of
 * either sign, so its candidates' aggregate and comparisons take most of its
 * time (1 M positions, independent stances, before ℓ-prefix filtering: 2.1 M
 * candidates, 11 of 13 s); split by the pair's lower end, they run side by side (15–16 → 9–10
 * s). The parts repeat the steps before (the decided stances, the sample,
 * the marks), which is all the other modes mostly do: split, they were
 * slower (1 M, CONGRUENCE: 4.1 → 4.2 s). Two, for the two cores of the
 * machines measured. Where the connections are not all free, or inside a
 * transaction, the statement runs whole.
 */
const ALIGNMENT_PARTS = 2;

/**
 * How many propositions within both prefixes make two stakeholders
 * candidates, at most (ℓ of ℓ-prefix filtering: Wang, Li and Feng, SIGMOD
 * 2012; see `prefixFiltered` in `alignment`); never more than half the
 * threshold t, and at least 1. Each one more marks one more stance per
 * stakeholder, which adds candidate rows on popular propositions, and asks
 * one more shared proposition of every candidate, which drops most of those
 * that share too few to reach t. 1 M positions, independent stances,
 * SUBTRACT over everyone (t = 12), one part of two: ℓ = 1 compared 884 k
 * pairs, of which about 4% share 12 propositions; ℓ = 2 compared 263 k,
 * ℓ = 3 145 k, ℓ = 5 79 k; the part's statement took 7.2–8.2 s at 1, 6.0–6.2
 * s at 2, 5.8–6.3 s at 3, its aggregate growing from 2.2 M rows at 1 to 2.4,
 * 2.6 and 3.3 M. Where t is small, ℓ near t marks nearly every stance (1 M by
 * bloc, 2023, t = 2: 44 k candidate rows at ℓ = 1, 758 k at 2; 0.58 against
 * 1.10 s); from t = 4, 2 was the faster (t = 4: 0.80 → 0.71 s; 8: 1.39 →
 * 1.18 s; 15: 2.16 → 1.68 s; 36: 2.95 → 2.68 s).
 */
const PREFIX_SHARES = 2;

/** Most rows of the plain pairing of all stakeholders (Σ k²) before it is pruned instead. */
const PLAIN_JOIN_ROWS = 1_000_000;

interface NetworkRow {
  rowKind: "NODE" | "EDGE" | "PROPOSITION";
  id: string;
  targetId: string | null;
  positionCount: number | null;
  decidedCount: number | null;
  agreements: number | null;
  disagreements: number | null;
  weight: number | null;
  edgeCount: number | null;
  propositionIds: string[] | null;
  row: Record<string, unknown> | null;
  /** Place among the nodes, by slug (null for edges and propositions). */
  place: number | null;
}

/** A row of the network statement, camelCased. */
function networkRow(r: Record<string, unknown>): NetworkRow {
  return {
    rowKind: r.row_kind,
    id: r.id,
    targetId: r.target_id,
    positionCount: r.position_count,
    decidedCount: r.decided_count,
    agreements: r.agreements,
    disagreements: r.disagreements,
    weight: r.weight,
    edgeCount: r.edge_count,
    propositionIds: r.proposition_ids,
    row: r.row,
    place: r.place,
  } as NetworkRow;
}

/**
 * A network too large for the statement timeout (Σ k² pairs grows fast with
 * popular propositions) is the client's to narrow, not a server fault. A
 * higher minWeight or a lower maxEdges raises the weight a pair must be able
 * to reach, and fewer pairs are counted (L, SUBTRACT over everyone and all
 * time: 22 s; with minWeight 25, 9 s; with maxEdges 100, 9–11 s).
 */
export function tooLarge(err: unknown): unknown {
  if (pgErrorOf(err).code !== "57014") return err;
  return new AppError(
    ErrorCode.QUERY_TOO_COMPLEX,
    "The alignment network took too long to compute: narrow it with from/to, stakeholders or propositions, or ask for stronger edges only (a higher minWeight, a lower maxEdges).",
  );
}

function validate(args: AlignmentArgs): void {
  const v = new ArgValidator();
  v.listSize("stakeholders", args.stakeholders, MAX_NAMED_STAKEHOLDERS);
  v.listSize("propositions", args.propositions, MAX_NAMED_PROPOSITIONS);
  v.dateRange("from", args.from, "to", args.to);
  v.integer("minWeight", args.minWeight, 0, Number.MAX_SAFE_INTEGER);
  v.integer("maxEdges", args.maxEdges, 0, MAX_EDGES);
  v.done();
}

/** Parts of the result that cost extra work, computed only when the client selects them. */
export interface AlignmentOptions {
  /** The propositions behind each edge: a second pass over the kept edges. */
  propositions: boolean;
  /**
   * How many edges pass minWeight in all. From a weight of 0 or 1 they are
   * tallied (tallyPairs); from 2, every pair that can reach
   * minWeight is counted, not only the strongest maxEdges (M over all time,
   * minWeight 5: 31 k edges in 2.7 s; minWeight 2: 925 k edges in 13 s).
   */
  edgeCount: boolean;
  /** Every stakeholder in the network; without it only the edges' ends are read. */
  nodes: boolean;
  /** Pairs everyone plainly or pruned, instead of by the size of the plain pairing (tests of each way). */
  pairing?: "plain" | "pruned";
  /** Splits the pairing of everyone into this many parts, run one after another where not on parts' own connections (tests of the merge). */
  parts?: number;
}

/**
 * Builds the network in one statement. Stakeholders are numbered (in id
 * order) before pairing so that pairs are two integers rather than two uuids.
 */
export async function alignment(ctx: Context, args: AlignmentArgs, options: AlignmentOptions): Promise<AlignmentNetwork> {
  validate(args);
  const [stakeholderIds, propositionIds] = await resolveSlugs(ctx.manager, [
    { type: "Stakeholder", field: "stakeholders", slugs: args.stakeholders },
    { type: "Proposition", field: "propositions", slugs: args.propositions },
  ]);
  const mode = args.mode ?? AlignmentMode.CONGRUENCE;
  const maxEdges = args.maxEdges;

  const params = new Params();
  // Conditions on the positions other than who holds them.
  const filters: string[] = [];
  if (args.from) filters.push(`p.stated_on >= ${params.add(args.from)}::date`);
  if (args.to) filters.push(`p.stated_on <= ${params.add(args.to)}::date`);
  if (propositionIds) filters.push(`p.proposition_id = ANY(${params.add(propositionIds)}::uuid[])`);
  const named = stakeholderIds ? params.add(stakeholderIds) : null;
  const minWeight = params.add(args.minWeight);
  // One more edge than asked tells whether the list was cut, without counting all.
  const limit = params.add(maxEdges + 1);
  // Pruning needs a sample of pairs larger than the edges asked for: each of
  // the `hubs` most decided stakeholders paired with the `spokes` most.
  const hubs = Math.ceil(2 * Math.sqrt(maxEdges + 1)) + 1;
  const spokes = SPOKES_PER_HUB * hubs;
  // edgeCount from a weight of 0 or 1 is a tally of stakeholders sharing a
  // stance (alignment.pairs.ts), except SUBTRACT's from 1 (agreements other
  // than disagreements), which only pairs can tell.
  const shared: Shared | null =
    !options.edgeCount || named || args.minWeight > 1
      ? null
      : args.minWeight === 0
        ? "any"
        : mode === AlignmentMode.CONGRUENCE
          ? "same sign"
          : mode === AlignmentMode.CONFLICT
            ? "opposite sign"
            : null;
  // Named stakeholders are paired by bit strings (below), which needs no
  // pruning. The others are pruned to the stakeholders and pairs that can
  // reach a threshold t (below): one read off a sample when only the
  // strongest edges are needed, minWeight when every edge is counted.
  const sampled = !named && (!options.edgeCount || shared !== null);
  const prune = !named && (sampled || args.minWeight >= 2);
  // Only the strongest edges of everyone may be split (ALIGNMENT_PARTS): each
  // part keeps its strongest, and the strongest of all are among them. Part k
  // of n pairs the stakeholders numbered k modulo n with those numbered higher;
  // run whole, n is 1. (An edge count would need the parts' counts added.)
  const partsAt = params.values.length;
  const [partCount, part] = sampled ? [params.add(1), params.add(0)] : ["1", "0"];
  const inPart = sampled ? `a.idx % ${partCount}::int = ${part}::int` : "true";

  // sign: +1 SUPPORT, -1 OPPOSE, 0 NEUTRAL or MIXED (which agree and disagree with nobody).
  const sign = `CASE p.stance WHEN 'SUPPORT' THEN 1 WHEN 'OPPOSE' THEN -1 ELSE 0 END AS sign`;
  // Each stakeholder's latest position per proposition. In a window without
  // an end it is the latest overall, if inside the window: a row of
  // latest_position, kept on write (its migration says what that saves).
  // Windows with an end derive them from `position`.
  const current = !args.to;
  const latestOf = (stakeholder: string) =>
    current
      ? `SELECT p.proposition_id, p.stakeholder_id, ${sign}
         FROM latest_position p WHERE ${[stakeholder, ...filters].join(" AND ")}`
      : `SELECT DISTINCT ON (p.proposition_id) p.proposition_id, p.stakeholder_id, ${sign}
         FROM position p WHERE ${[stakeholder, ...filters].join(" AND ")}
         ORDER BY p.proposition_id, ${LATEST_FIRST}`;
  // Named stakeholders' rows carry their number (idx, in id order); the
  // others are numbered once per stakeholder in node_counts.
  const latestRows = named
    ? // Stakeholder by stakeholder, by primary key or along
      // position_stakeholder_latest_idx (which yields each one's positions
      // already in DISTINCT ON order); the few named stakeholders are
      // numbered before, not their rows after.
      `SELECT l.*, k.idx FROM (
         SELECT id, row_number() OVER (ORDER BY id)::int AS idx FROM (SELECT DISTINCT unnest(${named}::uuid[]) AS id) u
       ) k
       CROSS JOIN LATERAL (${latestOf("p.stakeholder_id = k.id")}) l`
    : current
      ? null
      : // Along position_stakeholder_latest_idx too, which needs no sort.
        `SELECT DISTINCT ON (p.stakeholder_id, p.proposition_id) p.proposition_id, p.stakeholder_id, ${sign}
         FROM position p
         ${filters.length ? `WHERE ${filters.join(" AND ")}` : ""}
         ORDER BY p.stakeholder_id, p.proposition_id, ${LATEST_FIRST}`;
  // "sign <> 0" rather than "stance IN (…)" over a CTE keeps the planner's
  // estimate of the decided set near the truth: it cannot see into a CTE and
  // would guess 1% for the IN list, and then plan the pairing for a tiny
  // input. Read from latest_position, the decided rows are not materialized:
  // each use reads only the stakeholders it joins (the sample, the pairing:
  // 2 000 of L's 100 k over all time) by primary key, with the table's own
  // statistics.
  const decided =
    latestRows === null
      ? `decided AS NOT MATERIALIZED (${latestOf("p.stance IN ('SUPPORT', 'OPPOSE')")})`
      : `latest AS MATERIALIZED (${latestRows}),
    decided AS MATERIALIZED (
      SELECT proposition_id, ${named ? "idx" : "stakeholder_id"}, sign FROM latest WHERE sign <> 0
    )`;
  // Per stakeholder: its number, and how many positions and decided ones it
  // has. Without names, the numbers are given here, to the 100 k stakeholders
  // of L over all time rather than to their 1.9 M rows (2.2 → 1.2 s), and the
  // stances that are paired take their number from here by a join they need
  // anyway (sample, pairing).
  const counted = `count(*)::int AS position_count, count(*) FILTER (WHERE sign <> 0)::int AS decided_count`;
  const nodeCounts = named
    ? `SELECT stakeholder_id, idx, ${counted} FROM latest GROUP BY stakeholder_id, idx`
    : `SELECT c.*, row_number() OVER (ORDER BY c.stakeholder_id)::int AS idx FROM (
         SELECT stakeholder_id, ${counted}
         FROM ${latestRows === null ? `(${latestOf("true")}) p` : "latest"} GROUP BY stakeholder_id
       ) c`;

  const pairCounts = (table: string) => `
      SELECT a.idx AS source_idx, b.idx AS target_idx,
             count(*) FILTER (WHERE a.sign = b.sign)::int AS agreements,
             count(*) FILTER (WHERE a.sign <> b.sign)::int AS disagreements
      FROM ${table} a
      JOIN ${table} b ON b.proposition_id = a.proposition_id AND b.idx > a.idx AND ${inPart}
      GROUP BY a.idx, b.idx`;

  // The pairing costs Σ k² over propositions held by k stakeholders: with
  // every stakeholder of a busy year that is millions of pairs, of which
  // maxEdges are returned. An edge's |weight| is at most the number of
  // propositions either end decided, so when the pairs of a sample already
  // hold maxEdges + 1 edges of |weight| ≥ t, no stakeholder with fewer than t
  // decided propositions can be on a returned edge, and the full pairing
  // leaves them out. The sample pairs the most decided stakeholders (hubs)
  // with the next most (spokes), where the strongest edges are, by bits. The
  // result is exact; `edgeCount` (every edge counted) can only prune below
  // minWeight. Paired plainly (see `plain` below), everyone who can reach
  // minWeight is paired, and the sample is never read.
  const threshold = sampled
    ? `SELECT CASE WHEN (SELECT yes FROM plain) THEN ${minWeight}::int
         ELSE greatest(${minWeight}::int, coalesce((
           SELECT abs(${WEIGHT[mode]})::int AS w FROM sample_pairs
           ORDER BY w DESC OFFSET ${limit}::int - 1 LIMIT 1), 0))
       END AS t`
    : `SELECT ${minWeight}::int AS t`;

  // Pruned, the pairing still joins every two stakeholders who share a
  // popular proposition. Prefix filtering, as in set-similarity joins (Chaudhuri
  // et al., ICDE 2006), finds the pairs that can reach t without that: order
  // the propositions rarest first; a stakeholder's prefix is its first
  // decided_count - t + ℓ of them (1 ≤ ℓ, see PREFIX_SHARES). Of the t or
  // more stances two stakeholders share (agreements or disagreements, by
  // sign), at most t - ℓ fall after either's prefix, so the first ℓ of them
  // (or all, where t < ℓ) in that order lie within both prefixes: only pairs
  // sharing that many prefix propositions are candidates, and popular
  // propositions sit at the ends of most prefixes. SUBTRACT's |weight| ≥ t
  // needs t agreements or t disagreements, so any shared ones will do. Each
  // candidate is then counted exactly (alignment.pairs.ts).
  // The sign rule holds only while an edge needs a weight of at least 1: with
  // minWeight 0, a pair sharing any proposition is an edge.
  const weighsOneSign = args.minWeight >= 1 && mode !== AlignmentMode.SUBTRACT;
  const prefixShare = weighsOneSign ? `b.sign ${mode === AlignmentMode.CONGRUENCE ? "=" : "<>"} a.sign` : "true";
  const prefixFiltered = `
    -- ℓ: see PREFIX_SHARES.
    prefix AS MATERIALIZED (SELECT t, greatest(1, least(${PREFIX_SHARES}, t / 2)) AS shares FROM threshold),
    popularity AS MATERIALIZED (SELECT proposition_id, count(*) AS holders FROM pairing GROUP BY proposition_id),
    -- The stances, marked where in their stakeholder's prefix.
    marked AS MATERIALIZED (
      SELECT r.idx, r.proposition_id, r.sign, r.rank <= r.decided_count - (SELECT t - shares FROM prefix) AS mark FROM (
        SELECT p.*, row_number() OVER (PARTITION BY p.idx ORDER BY q.holders, p.proposition_id) AS rank
        FROM pairing p JOIN popularity q ON q.proposition_id = p.proposition_id
      ) r
    ),
    ${countCandidatePairs({
      share: prefixShare,
      weight: WEIGHT[mode],
      atLeast: "(SELECT t FROM threshold)",
      shares: "(SELECT shares FROM prefix)",
      source: inPart,
      name: sampled ? "pruned_pairs" : "pairs",
    })}`;

  // All that pruning pays only where the plain pairing is large: it costs
  // Σ k² joined rows (k holders of a proposition), about 0.5 µs each. Up to
  // PLAIN_JOIN_ROWS the plain pairing is taken (L, October to December 2023:
  // 0.8 M rows, 0.47 s against 1.1 s pruned; M, 2023: 0.23 s against 0.54 s).
  // Σ k² is at least (Σ k)² / propositions, which spares counting it
  // exactly where that is already too many (L, all time).
  // Only the branch chosen runs: the other's subqueries are never evaluated.
  const plain =
    options.pairing === undefined
      ? `SELECT CASE
           WHEN (SELECT sum(decided_count) FROM node_counts) ^ 2
                / greatest(${propositionIds ? propositionIds.length : "(SELECT count(*) FROM proposition)"}, 1) > ${PLAIN_JOIN_ROWS}
           THEN false
           ELSE (SELECT coalesce(sum(k * k), 0) FROM (SELECT count(*) AS k FROM decided GROUP BY proposition_id) g) <= ${PLAIN_JOIN_ROWS}
         END AS yes`
      : `SELECT ${options.pairing === "plain"} AS yes`;

  // Without names: the stakeholders that can reach the threshold, paired as
  // pruned candidates (or plainly, see above), or all of them when every
  // edge is counted.
  const everyonesPairs = `
    ${sampled ? `plain AS MATERIALIZED (${plain}),` : ""}
    threshold AS MATERIALIZED (${threshold}),
    pairing AS MATERIALIZED (
      SELECT d.proposition_id, n.idx, d.sign, n.decided_count
      FROM decided d JOIN node_counts n ON n.stakeholder_id = d.stakeholder_id
      WHERE n.decided_count >= (SELECT t FROM threshold)
    ),
    ${
      sampled
        ? `${prefixFiltered}
    pairs AS (
      SELECT * FROM (${pairCounts("pairing")}) p WHERE (SELECT yes FROM plain)
      UNION ALL
      SELECT * FROM pruned_pairs WHERE NOT (SELECT yes FROM plain)
    ),`
        : prune
          ? prefixFiltered
          : `pairs AS (${pairCounts("pairing")}),`
    }`;

  // Named stakeholders are nodes even without a position in the window. When
  // the client does not ask for nodes, only the edges' ends are read (their
  // stakeholders answer edge.source and edge.target): L, all stakeholders,
  // would otherwise turn 100 k stakeholder rows into JSON for nothing.
  // Every node comes from the first part; the others give their edges' ends.
  const nodes = !options.nodes
    ? `SELECT stakeholder_id, position_count, decided_count FROM node_counts
       WHERE idx IN (SELECT source_idx FROM kept UNION SELECT target_idx FROM kept)`
    : named
      ? `SELECT k.id AS stakeholder_id, coalesce(c.position_count, 0) AS position_count,
                coalesce(c.decided_count, 0) AS decided_count
         FROM unnest(${named}::uuid[]) AS k(id) LEFT JOIN node_counts c ON c.stakeholder_id = k.id`
      : `SELECT stakeholder_id, position_count, decided_count FROM node_counts
         WHERE ${part}::int = 0 OR idx IN (SELECT source_idx FROM kept UNION SELECT target_idx FROM kept)`;

  const sql = `
    WITH ${decided},
    node_counts AS MATERIALIZED (${nodeCounts}),
    ${shared ? tallyPairs(shared) : ""}
    ${
      sampled
        ? `-- The ${spokes} most decided stakeholders, numbered from the most; the
    -- first ${hubs} are the hubs.
    sample AS MATERIALIZED (
      SELECT d.proposition_id, r.idx, d.sign FROM decided d
      JOIN (
        SELECT stakeholder_id, row_number() OVER (ORDER BY decided_count DESC, idx)::int AS idx
        FROM node_counts ORDER BY decided_count DESC, idx LIMIT ${spokes}
      ) r ON r.stakeholder_id = d.stakeholder_id
    ),
    ${pairByBits({ stances: "sample", pair: `a.idx <= ${hubs}`, name: "sample_pairs" })}`
        : ""
    }
    ${named ? pairByBits() : everyonesPairs}
    kept AS MATERIALIZED (
      SELECT w.*, ${shared ? "(SELECT edge_count FROM tally)" : options.edgeCount ? "count(*) OVER ()::int" : "NULL::int"} AS edge_count
      FROM (SELECT pairs.*, (${WEIGHT[mode]})::int AS weight FROM pairs) w
      WHERE abs(w.weight) >= ${minWeight}
      ORDER BY abs(w.weight) DESC, w.source_idx, w.target_idx
      LIMIT ${limit}
    ),
    edges AS (
      SELECT k.*, s.stakeholder_id AS source_id, t.stakeholder_id AS target_id
      FROM kept k
      JOIN node_counts s ON s.idx = k.source_idx
      JOIN node_counts t ON t.idx = k.target_idx
    ),
    nodes AS (${nodes})
    ${
      options.propositions
        ? `,
    -- The kept edges' ends' stances, joined on proposition once for all
    -- edges. Intersecting two ends' arrays per edge cost 1.4 ms an edge on L
    -- over all time (1 000 edges of ends with ~1 000 stances each): 1.4 s
    -- against 0.4 s.
    end_stances AS MATERIALIZED (
      SELECT d.idx, d.proposition_id, d.sign FROM ${named ? "decided" : "pairing"} d
      WHERE d.idx IN (SELECT source_idx FROM kept UNION SELECT target_idx FROM kept)
    ),
    behind AS (
      SELECT k.source_idx, k.target_idx, array_agg(a.proposition_id::text ORDER BY a.proposition_id) AS proposition_ids
      FROM kept k
      JOIN end_stances a ON a.idx = k.source_idx
      JOIN end_stances b ON b.idx = k.target_idx AND b.proposition_id = a.proposition_id ${BEHIND[mode]}
      GROUP BY k.source_idx, k.target_idx
    )`
        : ""
    }
    -- Rows come unsorted, nodes with their place by slug, and are put in
    -- order in JavaScript (edges too, merged from the parts): sorting them
    -- here moved every node's JSON through the sort (L, 100 k nodes: 60 MB,
    -- spilled to disk), where only the slugs need sorting.
    -- Rows as json, not jsonb: written once as text rather than built and
    -- then printed (100 k stakeholders: 0.45 s against 0.65 s).
    SELECT 'NODE' AS row_kind, n.stakeholder_id::text AS id, NULL::text AS target_id,
           n.position_count, n.decided_count, NULL::int AS agreements, NULL::int AS disagreements,
           NULL::int AS weight, NULL::int AS edge_count, NULL::text[] AS proposition_ids,
           to_json(s) AS row, o.place
    FROM nodes n JOIN stakeholder s ON s.id = n.stakeholder_id
    JOIN (
      SELECT id, row_number() OVER (ORDER BY slug)::int AS place FROM stakeholder WHERE id IN (SELECT stakeholder_id FROM nodes)
    ) o ON o.id = n.stakeholder_id
    UNION ALL
    SELECT 'EDGE', e.source_id::text, e.target_id::text, NULL, NULL, e.agreements, e.disagreements,
           e.weight, e.edge_count, ${options.propositions ? "coalesce(b.proposition_ids, '{}')" : "NULL"}, NULL, NULL
    FROM edges e
    ${options.propositions ? "LEFT JOIN behind b ON b.source_idx = e.source_idx AND b.target_idx = e.target_idx" : ""}
    ${
      options.propositions
        ? `UNION ALL
    SELECT 'PROPOSITION', pr.id::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, to_json(pr), NULL
    FROM proposition pr WHERE pr.id IN (SELECT unnest(proposition_ids)::uuid FROM behind)`
        : ""
    }`;

  const parts = sampled ? (options.parts ?? (mode === AlignmentMode.SUBTRACT ? ALIGNMENT_PARTS : 1)) : 1;
  const valuesOf = (n: number, k: number) => {
    const values = [...params.values];
    if (sampled) [values[partsAt], values[partsAt + 1]] = [n, k];
    return values;
  };
  // Hash joins throughout. The planner cannot see into the CTEs and misjudges
  // their sizes by orders of magnitude; it would then sort millions of
  // candidate rows for a merge join (M, all stakeholders: 3.5 s against 1.9 s).
  // The statement gets the alignment's own timeout (ALIGNMENT_TIMEOUT_MS),
  // longer than an ordinary read's: SUBTRACT over everyone took up to 13 s
  // on a million positions with independent stances on a slow host, and
  // takes more on L (bench/README.md).
  // Both are set in one round trip, for this transaction only.
  const timeout = ctx.alignment?.timeoutMs;
  const settings =
    timeout === undefined
      ? `SELECT set_config('enable_mergejoin', 'off', true)`
      : `SELECT set_config('enable_mergejoin', 'off', true), set_config('statement_timeout', $1, true)`;
  const run = async (tx: EntityManager, n: number, k: number) => {
    await queryObjects(tx, settings, timeout === undefined ? [] : [String(timeout)]);
    return queryObjects(tx, sql, valuesOf(n, k));
  };
  // The network of everyone waits its turn at the process's gate, holding
  // no connection meanwhile (ALIGNMENT_CONCURRENCY).
  const gate = ctx.alignment?.gate;
  const everyone = <T>(compute: () => Promise<T>) => (gate ? gate.run(compute) : compute());
  let runs: Array<Array<Record<string, unknown>>>;
  try {
    runs = named
      ? // Named stakeholders join nothing large: no setting, no transaction
        // (three round trips fewer).
        [await queryObjects(ctx.manager, sql, params.values)]
      : await everyone(async () => {
          const split =
            parts > 1 ? await inSharedSnapshot(ctx.manager, parts, (txs) => Promise.all(txs.map((tx, k) => run(tx, parts, k)))) : undefined;
          // Whole (or, for tests, part after part) on one connection.
          return (
            split ??
            inTransaction(ctx.manager, async (tx) => {
              const n = options.parts ?? 1;
              const out = [];
              for (let k = 0; k < n; k++) out.push(await run(tx, n, k));
              return out;
            })
          );
        });
  } catch (err) {
    throw tooLarge(err);
  }

  const stakeholders = new Map<string, Stakeholder>();
  const propositions = new Map<string, Proposition>();
  const nodeList: AlignmentNode[] = [];
  const edgeRows: NetworkRow[] = [];
  for (const raw of runs.flat()) {
    const r = networkRow(raw);
    if (r.rowKind === "NODE") {
      // Every part has the nodes, or the ends of its own edges.
      if (stakeholders.has(r.id)) continue;
      const s = jsonRow<Stakeholder>(r.row!);
      stakeholders.set(s.id, s);
      stakeholderById(ctx).prime(s.id, s);
      const node = { stakeholder: s, positionCount: r.positionCount!, decidedCount: r.decidedCount! };
      if (options.nodes) nodeList[r.place! - 1] = node;
      else nodeList.push(node);
    } else if (r.rowKind === "PROPOSITION") {
      const p = jsonRow<Proposition>(r.row!);
      propositions.set(p.id, p);
      propositionById(ctx).prime(p.id, p);
    } else {
      edgeRows.push(r);
    }
  }
  // Strongest |weight| first, then by the ends' numbers, which follow their
  // ids (so do uuids' texts): the order that picked each part's edges.
  edgeRows.sort(
    (x, y) =>
      Math.abs(y.weight!) - Math.abs(x.weight!) || byCodeUnits(x.id, y.id) || byCodeUnits(x.targetId!, y.targetId!),
  );

  // The strongest were kept; they are shown by weight.
  const kept = edgeRows.slice(0, maxEdges).sort((x, y) => y.weight! - x.weight!);
  const edges: AlignmentEdge[] = kept.map((r) => ({
    sourceId: r.id,
    targetId: r.targetId!,
    // Every edge end has a latest position in the window, so it is a node.
    source: stakeholders.get(r.id)!,
    target: stakeholders.get(r.targetId!)!,
    weight: r.weight!,
    agreements: r.agreements!,
    disagreements: r.disagreements!,
    propositionIds: r.propositionIds,
    propositions: (r.propositionIds ?? []).map((id) => propositions.get(id)!),
  }));
  return {
    mode,
    from: args.from ?? null,
    to: args.to ?? null,
    // Only the edges' ends when nodes were not selected (then never read).
    nodes: nodeList,
    edges,
    // Only read when selected (then counted in SQL).
    edgeCount: edgeRows[0]?.edgeCount ?? 0,
    truncated: edgeRows.length > maxEdges,
  };
}
