import { useTestDatabase } from "../../../test/support/database";
import { Shared, countCandidatePairs, tallyPairs } from "./alignment.pairs";

const db = useTestDatabase();

type Row = { source_idx: number; target_idx: number; agreements: number; disagreements: number };

/**
 * Stances of 30 stakeholders on 25 propositions from a fixed pseudo-random
 * sequence, a few popular propositions and many rare ones, about half of
 * them marked (as prefixes mark them).
 */
function data() {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const stances: Array<[number, number, number, boolean]> = [];
  for (let idx = 1; idx <= 30; idx++) {
    for (let p = 1; p <= 25; p++) {
      if (random() < 1.2 / (1 + p / 4)) stances.push([idx, p, random() < 0.55 ? 1 : -1, random() < 0.5]);
    }
  }
  return { stances };
}

/**
 * The candidates' rows of countCandidatePairs, or (denseBits null) those of a
 * plain join on proposition; `bound` passes a weight and the least it must reach.
 */
async function pairs(share: string, denseBits: number | null, bound?: { weight: string; atLeast: number }): Promise<Row[]> {
  const { stances } = data();
  // Propositions as uuids, as in the real statement.
  const uuid = (p: number) => `00000000-0000-0000-0000-${String(p).padStart(12, "0")}`;
  const inputs = `
    WITH marked AS MATERIALIZED (
      SELECT * FROM unnest($1::int[], $2::uuid[], $3::int[], $4::boolean[]) AS t(idx, proposition_id, sign, mark)
    ),
    pairing AS MATERIALIZED (SELECT idx, proposition_id, sign FROM marked),
    popularity AS MATERIALIZED (SELECT proposition_id, count(*) AS holders FROM pairing GROUP BY proposition_id),`;
  const counted =
    denseBits === null
      ? `candidates AS (
           SELECT DISTINCT a.idx AS source_idx, b.idx AS target_idx FROM marked a
           JOIN marked b ON b.proposition_id = a.proposition_id AND b.idx > a.idx AND a.mark AND b.mark AND ${share}
         ),
         pairs AS (
           SELECT a.idx AS source_idx, b.idx AS target_idx,
                  count(*) FILTER (WHERE a.sign = b.sign)::int AS agreements,
                  count(*) FILTER (WHERE a.sign <> b.sign)::int AS disagreements
           FROM pairing a JOIN pairing b ON b.proposition_id = a.proposition_id AND b.idx > a.idx
           JOIN candidates c ON c.source_idx = a.idx AND c.target_idx = b.idx
           GROUP BY 1, 2
         ),`
      : countCandidatePairs({ share, denseBits, ...(bound && { weight: bound.weight, atLeast: String(bound.atLeast) }) });
  const sql = `${inputs} ${counted.trim().replace(/,$/, "")} SELECT * FROM pairs ORDER BY source_idx, target_idx`;
  return db.manager.query(sql, [
    stances.map((s) => s[0]),
    stances.map((s) => uuid(s[1])),
    stances.map((s) => s[2]),
    stances.map((s) => s[3]),
  ]);
}

describe("countCandidatePairs", () => {
  it("counts every candidate exactly as the join on proposition does, however the propositions are split", async () => {
    for (const share of ["true", "b.sign = a.sign", "b.sign <> a.sign"]) {
      const reference = await pairs(share, null);
      // Enough pairs, with both kinds of count, that a wrong split would show.
      expect(reference.length).toBeGreaterThan(100);
      expect(reference.some((r) => r.agreements > 0 && r.disagreements > 0)).toBe(true);
      // 0: all joined; 1 and 5: popular ones as bits, the rest joined; 100: all as bits.
      for (const denseBits of [0, 1, 5, 100]) {
        expect({ share, denseBits, rows: await pairs(share, denseBits) }).toEqual({ share, denseBits, rows: reference });
      }
    }
    // The share condition narrows the candidates.
    expect((await pairs("b.sign = a.sign", null)).length).toBeLessThan((await pairs("true", null)).length);
  });

  it("may leave out candidates that cannot reach the least weight, and keeps every one that does", async () => {
    const weights: Record<string, (r: Row) => number> = {
      agreements: (r) => r.agreements,
      disagreements: (r) => r.disagreements,
      "agreements - disagreements": (r) => Math.abs(r.agreements - r.disagreements),
    };
    for (const [weight, of] of Object.entries(weights)) {
      const reference = await pairs("true", null);
      // The weight of the strongest tenth of the pairs.
      const atLeast = reference.map(of).sort((x, y) => y - x)[Math.floor(reference.length / 10)];
      expect(atLeast).toBeGreaterThan(1);
      for (const denseBits of [0, 5, 100]) {
        const rows = await pairs("true", denseBits, { weight, atLeast });
        const reaching = (list: Row[]) => list.filter((r) => of(r) >= atLeast);
        expect({ weight, denseBits, rows: reaching(rows) }).toEqual({ weight, denseBits, rows: reaching(reference) });
        // All joined, every count is known before the bound; partly as bits, the bound drops some.
        if (denseBits === 0) expect(rows).toEqual(reaching(reference));
        if (denseBits === 5) expect(rows.length).toBeLessThan(reference.length);
      }
    }
  });

  it("makes no candidate of stakeholders sharing no marked proposition, and needs no stances at all", async () => {
    const counted = (rows: string, where = "true") =>
      db.manager.query(
        `WITH marked AS (SELECT * FROM (VALUES ${rows}) AS t(idx, proposition_id, sign, mark) WHERE ${where}),
         pairing AS (SELECT idx, proposition_id, sign FROM marked),
         popularity AS (SELECT proposition_id, count(*) AS holders FROM pairing GROUP BY proposition_id),
         ${countCandidatePairs().trim().replace(/,$/, "")}
         SELECT * FROM pairs`,
      );
    const p = (n: number) => `'00000000-0000-0000-0000-00000000000${n}'::uuid`;
    expect(await counted(`(1, ${p(1)}, 1, true)`, "false")).toEqual([]);
    // Sharing proposition 1 (unmarked for stakeholder 2) and 2 (unmarked for 1).
    const unmarked = `(1, ${p(1)}, 1, true), (2, ${p(1)}, 1, false), (1, ${p(2)}, 1, false), (2, ${p(2)}, -1, true)`;
    expect(await counted(unmarked)).toEqual([]);
    // Both marked on proposition 1: a candidate, counted on both propositions.
    expect(await counted(unmarked.replace("false", "true"))).toEqual([
      { source_idx: 1, target_idx: 2, agreements: 1, disagreements: 1 },
    ]);
  });
});

describe("tallyPairs", () => {
  /** The pairs sharing a stance of the kind, tallied one way and counted by a plain join. */
  async function tally(shared: Shared, way: "bits" | "join"): Promise<{ tally: number; joined: number }> {
    const { stances } = data();
    const uuid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
    const same = { any: "", "same sign": "AND b.sign = a.sign", "opposite sign": "AND b.sign = -a.sign" }[shared];
    // Stakeholder 1 of data() holds nothing here: numbered, but in no pair.
    const held = stances.filter((x) => x[0] !== 1);
    const [row] = await db.manager.query(
      `WITH decided AS MATERIALIZED (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(stakeholder_id, proposition_id, sign)
       ),
       node_counts AS MATERIALIZED (
         SELECT stakeholder_id, row_number() OVER (ORDER BY stakeholder_id)::int AS idx
         FROM (SELECT DISTINCT stakeholder_id FROM decided UNION SELECT $4::uuid) s
       ),
       ${(way === "bits" ? tallyPairs(shared, 1e12, 1e12) : tallyPairs(shared, 0)).trim().replace(/,$/, "")}
       SELECT (SELECT edge_count FROM tally) AS tally, (SELECT yes FROM tally_by_bits) AS by_bits,
              (SELECT count(DISTINCT (a.stakeholder_id, b.stakeholder_id)) FROM decided a
               JOIN decided b ON b.proposition_id = a.proposition_id AND b.stakeholder_id > a.stakeholder_id ${same})::int AS joined`,
      [held.map((x) => uuid(x[0])), held.map((x) => uuid(1000 + x[1])), held.map((x) => x[2]), uuid(1)],
    );
    expect(row.by_bits).toBe(way === "bits");
    return row;
  }

  it("counts the pairs sharing any stance, one of the same sign, or one of opposite signs, by bits and by join", async () => {
    for (const shared of ["any", "same sign", "opposite sign"] as Shared[]) {
      for (const way of ["bits", "join"] as const) {
        const { tally: counted, joined } = await tally(shared, way);
        // Most pairs of the 29 stakeholders (those of a sign, not all of them).
        expect(joined).toBeGreaterThan(100);
        if (shared !== "any") expect(joined).toBeLessThan((29 * 28) / 2);
        expect({ shared, way, counted }).toEqual({ shared, way, counted: joined });
      }
    }
  });
});
