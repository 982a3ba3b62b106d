/**
 * Exact agreement and disagreement counts for pairs of stakeholders, as SQL
 * common table expressions for the alignment statement (alignment.service.ts).
 *
 * Joining two stakeholders' stances on proposition costs one row per shared
 * stance: Σ k² over propositions held by k of them, most of it on the few
 * popular propositions. Bits avoid that: each stakeholder's SUPPORTed and
 * OPPOSEd propositions become two bit strings, and a pair's counts are
 * popcounts of their ANDs: a pass over two short strings per pair, however
 * many stances it shares.
 * - Named stakeholders and the pruning's sample (pairByBits): every
 *   proposition they decided is a bit. M, the 50 busiest: 51 k joined rows
 *   before; Q5 32 → 42 req/s.
 * - Candidates among all stakeholders (countCandidatePairs): thousands of
 *   stakeholders over tens of thousands of propositions would make long,
 *   mostly empty strings, so only the DENSE_BITS most held propositions are
 *   bits, and the rest, each held by few, are joined on proposition. L (2 M
 *   positions), all stakeholders over all time, 290 k candidates: the 2 048
 *   most held propositions carry 145 k of the 352 k stances paired, leaving
 *   1.4 M joined rows where counting each candidate from one end's stances
 *   probed 38 M (statement 33 s → 8–10 s).
 */

/** How many of the most held propositions are counted as bits (256 bytes per string). */
export const DENSE_BITS = 2048;

/**
 * `select` (columns of `joined`, named as in `names`) with `shared` and
 * `disagreed`: how many propositions of the bit strings two stakeholders `a`
 * and `b` of held_bits both decided, and on how many their stances differ
 * (the rest agree). Three string operations and two counts per pair, each
 * operation once: the fences (OFFSET 0) keep Postgres from copying an
 * expression into every use of its result. Counted from SUPPORT and OPPOSE
 * strings it took four ANDs and four counts (L, SUBTRACT over all time, the
 * 4 M candidates compared alone: 17.6 s against 6.5 s).
 */
function countBits(select: string, names: string, joined: string): string {
  return `SELECT ${names}, coalesce(bit_count(x), 0)::int AS shared, coalesce(bit_count(x & s), 0)::int AS disagreed FROM (
        SELECT ${select}, a.held & b.held AS x, a.sup # b.sup AS s FROM ${joined} OFFSET 0
      ) j OFFSET 0`;
}

/**
 * `held_bits(idx, held, sup, n)` (or `name`): each stakeholder's decided and
 * SUPPORTed propositions among `bits(proposition_id, bit)` (bits 0…n-1), and
 * how many it decided (n), from `stances(idx, proposition_id, sign)` rows
 * passing `where`. Its helper CTEs are named after it.
 *
 * Two ways to write the strings, each cheap where the other is not:
 * - "set": every stance sets its bit in a copy of the string, and the copies
 *   are OR-ed: a copy of the whole string per stance. Fine for short strings.
 * - "text": each string is written as text, a run of zeros and a one per
 *   stance, and cast once: as many characters per stakeholder as bits,
 *   whatever its stances. Fine for long strings and busy stakeholders (L, 50
 *   named stakeholders over 20 k propositions: 260 ms against 690 ms by
 *   "set"), slow for many stakeholders with few stances (L, 2023, 10 k
 *   candidate ends on 2 048 bits: 450 ms).
 */
function heldBits(write: "set" | "text", stances: string, bits: string, where = "true", name = "held_bits"): string {
  if (write === "set") {
    const bitString = (sign: number) =>
      `coalesce(bit_or(set_bit((SELECT z FROM ${name}_zero), b.bit, 1)) FILTER (WHERE d.sign = ${sign}), (SELECT z FROM ${name}_zero))`;
    return `${name}_zero AS MATERIALIZED (SELECT repeat('0', count(*)::int)::varbit AS z FROM ${bits}),
    ${name} AS MATERIALIZED (
      SELECT idx, sup | opp AS held, sup, bit_count(sup | opp)::int AS n FROM (
        SELECT d.idx, ${bitString(1)} AS sup, ${bitString(-1)} AS opp
        FROM ${stances} d JOIN ${bits} b ON b.proposition_id = d.proposition_id
        WHERE ${where}
        GROUP BY d.idx
      ) h
    ),`;
  }
  const bitString = (sign: number) =>
    `rpad(coalesce(string_agg(repeat('0', gap) || '1', '' ORDER BY bit) FILTER (WHERE sign = ${sign}), ''),
                  (SELECT count(*)::int FROM ${bits}), '0')::varbit`;
  return `${name}_gaps AS (
      SELECT d.idx, d.sign, b.bit, b.bit - coalesce(lag(b.bit) OVER (PARTITION BY d.idx, d.sign ORDER BY b.bit), -1) - 1 AS gap
      FROM ${stances} d JOIN ${bits} b ON b.proposition_id = d.proposition_id
      WHERE ${where}
    ),
    ${name} AS MATERIALIZED (
      SELECT idx, sup | opp AS held, sup, bit_count(sup | opp)::int AS n FROM (
        SELECT idx, ${bitString(1)} AS sup, ${bitString(-1)} AS opp FROM ${name}_gaps GROUP BY idx
      ) h
    ),`;
}

/**
 * CTEs ending in `name(source_idx, target_idx, agreements, disagreements)`
 * for every two stakeholders of `stances(idx, proposition_id, sign)` that
 * share a decided proposition and pass `pair` (an SQL condition on the two,
 * `a` the lower idx and `b` the higher), all of their propositions as bits.
 * For a few hundred stakeholders: named ones, or the pruning's sample (see
 * alignment.service.ts). Strings as wide as the propositions they decided,
 * with none of the candidates' bookkeeping (M, 50 named: 10 ms less than
 * countCandidatePairs per statement). The helper CTEs are named after `name`.
 */
export function pairByBits({
  stances = "decided",
  pair = "true",
  name = "pairs",
}: { stances?: string; pair?: string; name?: string } = {}): string {
  return `
    ${name}_bit_of AS MATERIALIZED (
      SELECT proposition_id, (row_number() OVER ())::int - 1 AS bit FROM (SELECT DISTINCT proposition_id FROM ${stances}) d
    ),
    ${heldBits("text", stances, `${name}_bit_of`, "true", `${name}_held`)}
    ${name} AS (
      SELECT source_idx, target_idx, shared - disagreed AS agreements, disagreed AS disagreements
      FROM (${countBits(
        "a.idx AS source_idx, b.idx AS target_idx",
        "source_idx, target_idx",
        `${name}_held a JOIN ${name}_held b ON b.idx > a.idx AND ${pair}`,
      )}) k
      -- As with a join on proposition: stakeholders sharing no decided proposition are no pair.
      WHERE shared > 0
    ),`;
}

/**
 * CTEs ending in `pairs(source_idx, target_idx, agreements, disagreements)`,
 * one row per candidate sharing at least one decided proposition. Expects
 * `pairing(idx, proposition_id, sign)`, the decided stances (sign ±1) of the
 * stakeholders that may pair; `popularity(proposition_id, holders)` over it;
 * and `marked(idx, proposition_id, sign, mark)`, the same stances, some
 * marked. Two stakeholders are candidates when they share `shares` (an SQL
 * expression, at least 1) propositions both marked on which `share` (an SQL
 * condition on their stances `a` and `b`) holds. Candidates that cannot
 * reach `atLeast` (an SQL expression) by `weight` (an SQL expression of
 * agreements and disagreements, its absolute value compared) may be left
 * out. Only pairs whose lower end `a` passes `source` are counted (a part of
 * the pairs, see alignment.service.ts). The last CTE is called `name`.
 * `denseBits` is there for tests of the split.
 */
export function countCandidatePairs({
  share = "true",
  weight = "agreements + disagreements",
  atLeast = "0",
  shares = "1",
  source = "true",
  denseBits = DENSE_BITS,
  name = "pairs",
}: {
  share?: string;
  weight?: string;
  atLeast?: string;
  shares?: string;
  source?: string;
  denseBits?: number;
  name?: string;
} = {}): string {
  const sharing = `b.proposition_id = a.proposition_id AND b.idx > a.idx AND ${source}`;
  return `
    dense AS MATERIALIZED (
      SELECT proposition_id, (row_number() OVER (ORDER BY holders DESC, proposition_id))::int - 1 AS bit
      FROM popularity ORDER BY holders DESC, proposition_id LIMIT ${denseBits}
    ),
    marks AS NOT MATERIALIZED (SELECT * FROM marked WHERE mark),
    -- Every stakeholder of a candidate.
    ends AS MATERIALIZED (
      SELECT DISTINCT a.idx FROM marks a
      WHERE EXISTS (SELECT 1 FROM marks b WHERE b.proposition_id = a.proposition_id AND b.idx <> a.idx AND ${share})
    ),
    ${heldBits("set", "pairing", "dense", "d.idx IN (SELECT idx FROM ends)")}
    sparse AS MATERIALIZED (
      SELECT d.idx, d.proposition_id, d.sign, d.mark FROM marked d
      WHERE d.idx IN (SELECT idx FROM ends) AND NOT EXISTS (SELECT 1 FROM dense x WHERE x.proposition_id = d.proposition_id)
    ),
    -- The candidates' rows: one per marked proposition a pair shares. Those
    -- on sparse propositions are rows of the sparse join below (flagged
    -- there), so only the dense ones are joined here: L, SUBTRACT over all
    -- time, 3.8 M rows where joining them all made 7.4 M, beside the sparse
    -- join's 5.6 M, for the aggregate below.
    dense_candidates AS (
      SELECT a.idx AS source_idx, b.idx AS target_idx, NULL::boolean AS agree, true AS candidate
      FROM marks a JOIN marks b ON ${sharing} AND ${share}
      WHERE a.proposition_id IN (SELECT proposition_id FROM dense)
    ),
    -- Joined in full, then kept for candidates: joining the candidates first
    -- would probe every stance of one end.
    sparse_shared AS (
      SELECT a.idx AS source_idx, b.idx AS target_idx, a.sign = b.sign AS agree, a.mark AND b.mark AND ${share} AS candidate
      FROM sparse a JOIN sparse b ON ${sharing}
    ),
    -- One aggregate makes the candidates distinct and counts their sparse
    -- stances; pairs with fewer candidate rows than the shares asked are
    -- dropped. Made distinct first and then joined to the sparse stances,
    -- the candidates went through a second hash table as large (M, SUBTRACT
    -- over all time, 0.7 M candidates and no sparse stances: 1.5 s of 5).
    sparse_pairs AS MATERIALIZED (
      SELECT source_idx, target_idx,
             count(*) FILTER (WHERE agree)::int AS agreements,
             count(*) FILTER (WHERE NOT agree)::int AS disagreements
      FROM (SELECT * FROM dense_candidates UNION ALL SELECT * FROM sparse_shared) r
      GROUP BY source_idx, target_idx
      HAVING count(*) FILTER (WHERE candidate) >= ${shares}
    ),
    -- Materialized, so that each count is computed once: inlined, Postgres
    -- evaluated the bit expressions again for every use of a count (the filter
    -- below, the weight, its sort key): L, 182 k candidates, 0.7 s more.
    -- The bit strings join last, to the narrow rows of sparse_pairs: joined
    -- before a join that spills, every candidate row carried 1 kB of strings
    -- into its batches on disk (L, SUBTRACT over all time, 4 M candidates:
    -- 4 GB written and read back, 44 → 32 s).
    -- A pair's weight on the bits is at most the bits the end with fewer
    -- holds, so pairs that cannot reach atLeast with them are dropped before
    -- the strings are compared (L, SUBTRACT over all time: 4.0 M → 2.7 M).
    candidate_counts AS MATERIALIZED (
      SELECT source_idx, target_idx,
             shared - disagreed + agreements AS agreements, disagreed + disagreements AS disagreements
      FROM (${countBits(
        "c.*",
        "source_idx, target_idx, agreements, disagreements",
        `sparse_pairs c
         LEFT JOIN held_bits a ON a.idx = c.source_idx
         LEFT JOIN held_bits b ON b.idx = c.target_idx
         WHERE abs(${weight}) + least(coalesce(a.n, 0), coalesce(b.n, 0)) >= ${atLeast}`,
      )}) k
    ),
    -- As with a join on proposition: stakeholders sharing no decided proposition are no pair.
    ${name} AS (SELECT * FROM candidate_counts WHERE agreements + disagreements > 0),`;
}

/** Which stances make two stakeholders an edge of weight ≥ 1 (or ≥ 0), for tallyPairs. */
export type Shared = "any" | "same sign" | "opposite sign";

/**
 * Most bits the holder strings of tallyPairs may take, whatever the join
 * would cost: 25 MB. M over all time takes 40 M; L over all time would take
 * 4 G bits (500 MB).
 */
export const TALLY_BITS = 200_000_000;

/**
 * What a bit of the holder strings costs against a joined row, measured on
 * M: written and OR-ed, a bit costs about 20 ns; joined and made distinct, a
 * pair of stances about 700 ns.
 */
export const BITS_PER_JOINED_ROW = 32;

/**
 * CTEs ending in `tally(edge_count)`: how many pairs of stakeholders share a
 * decided stance of the kind `shared`. It is edgeCount when an edge needs a
 * weight of only 1 (or 0), and it needs no pair counted:
 * - by bits: each proposition (and sign) gets a string with a bit per holder,
 *   each stakeholder ORs the strings of its stances into its neighbours, and
 *   the pairs are half the neighbours counted. It costs as many bits as
 *   stakeholders times strings, however the stances spread;
 * - by join: the distinct pairs of a join of the stances on proposition,
 *   which costs Σ k² over propositions held by k: little for a sparse
 *   window, most of all for the popular propositions of a long one.
 * The cheaper is chosen when the statement runs (the other never runs). M over
 * all time, CONGRUENCE from 1: 7.9 M edges in 1.7 s by bits, where pairing
 * every stakeholder took 16 s; M, 2023: 109 k edges by join, 0.24 s.
 * Expects `decided(proposition_id, stakeholder_id, sign)` and
 * `node_counts(stakeholder_id, idx)`, idx numbering from 1 without gaps.
 * `maxBits` and `bitsPerJoinedRow` are there for tests of each way.
 */
export function tallyPairs(shared: Shared, maxBits = TALLY_BITS, bitsPerJoinedRow = BITS_PER_JOINED_ROW): string {
  const group = shared === "any" ? "proposition_id" : "proposition_id, sign";
  const sharing = (a: string, b: string) =>
    `${b}.proposition_id = ${a}.proposition_id` +
    { any: "", "same sign": ` AND ${b}.sign = ${a}.sign`, "opposite sign": ` AND ${b}.sign = -${a}.sign` }[shared];
  // A stakeholder holds its own stances' strings, except for opposite signs.
  const selves = shared === "opposite sign" ? "0" : "count(*)";
  return `
    tally_stances AS MATERIALIZED (
      SELECT d.proposition_id, d.sign, n.idx - 1 AS bit
      FROM decided d JOIN node_counts n ON n.stakeholder_id = d.stakeholder_id
    ),
    tally_by_bits AS MATERIALIZED (
      SELECT bits <= ${maxBits} AND bits <= ${bitsPerJoinedRow} * joined AS yes FROM (
        SELECT (SELECT count(*) FROM node_counts) * count(*) AS bits, coalesce(sum(k * k), 0) AS joined
        FROM (SELECT count(*) AS k FROM tally_stances GROUP BY ${group}) g
      ) c
    ),
    tally_gaps AS (
      SELECT ${group}, bit, bit - coalesce(lag(bit) OVER (PARTITION BY ${group} ORDER BY bit), -1) - 1 AS gap
      FROM tally_stances
    ),
    tally_holders AS MATERIALIZED (
      SELECT ${group}, rpad(string_agg(repeat('0', gap) || '1', '' ORDER BY bit), (SELECT count(*)::int FROM node_counts), '0')::varbit AS bits
      FROM tally_gaps GROUP BY ${group}
    ),
    -- Only the branch taken runs (its subquery is evaluated on first use).
    tally AS MATERIALIZED (
      SELECT (CASE WHEN (SELECT yes FROM tally_by_bits)
        THEN (SELECT (coalesce(sum(bit_count(x.neighbours)), 0) - ${selves}) / 2 FROM (
          SELECT bit_or(h.bits) AS neighbours FROM tally_stances s JOIN tally_holders h ON ${sharing("s", "h")} GROUP BY s.bit
        ) x)
        ELSE (SELECT count(*) FROM (
          SELECT DISTINCT a.bit AS source_bit, b.bit AS target_bit
          FROM tally_stances a JOIN tally_stances b ON ${sharing("a", "b")} AND b.bit > a.bit
        ) x)
      END)::int AS edge_count
    ),`;
}
