/**
 * latest_position (migration 1764900000000) against what it stands for: each
 * stakeholder's latest position per proposition, derived from `position`
 * after every kind of write.
 */
import { useTestDatabase } from "../../test/support/database";
import { factories } from "../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

/** The table's rows for some stakeholders, and the same rows derived from `position`. */
async function keptAndDerived(stakeholders: string[]) {
  const kept = await db.manager.query(
    `SELECT stakeholder_id, proposition_id, position_id, stance, to_char(stated_on, 'YYYY-MM-DD') AS stated_on
     FROM latest_position WHERE stakeholder_id = ANY($1::uuid[]) ORDER BY 1, 2`,
    [stakeholders],
  );
  const derived = await db.manager.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (p.stakeholder_id, p.proposition_id) p.stakeholder_id, p.proposition_id, p.id AS position_id,
              p.stance, to_char(p.stated_on, 'YYYY-MM-DD') AS stated_on
       FROM position p WHERE p.stakeholder_id = ANY($1::uuid[])
       ORDER BY p.stakeholder_id, p.proposition_id, p.stated_on DESC, p.created_at DESC, p.id DESC
     ) d ORDER BY 1, 2`,
    [stakeholders],
  );
  return { kept, derived };
}

describe("latest_position", () => {
  it("follows inserts, one row at a time and in bulk, with ties broken by when positions were recorded", async () => {
    const [a, b] = [await make.stakeholder(), await make.stakeholder()];
    const [p, q] = [await make.proposition(), await make.proposition()];
    const first = await make.position({ stakeholder_id: a.id, proposition_id: p.id, stance: "SUPPORT", stated_on: "2023-01-01" });
    expect((await keptAndDerived([a.id])).kept).toEqual([
      { stakeholder_id: a.id, proposition_id: p.id, position_id: first.id, stance: "SUPPORT", stated_on: "2023-01-01" },
    ]);
    // An older one changes nothing; a later one, and a same-day one recorded later, take over.
    await make.position({ stakeholder_id: a.id, proposition_id: p.id, stance: "OPPOSE", stated_on: "2022-01-01" });
    expect((await keptAndDerived([a.id])).kept[0].position_id).toBe(first.id);
    const sameDay = await make.position({
      stakeholder_id: a.id, proposition_id: p.id, stance: "NEUTRAL", stated_on: "2023-01-01", created_at: "2099-01-01T00:00:00Z",
    });
    expect((await keptAndDerived([a.id])).kept[0]).toMatchObject({ position_id: sameDay.id, stance: "NEUTRAL" });

    // One statement, many rows, several per key (the seed loader's and the generator's way).
    await db.manager.query(
      `INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on)
       SELECT s, pr, (ARRAY['SUPPORT','OPPOSE','MIXED']::stance[])[1 + i % 3], date '2020-01-01' + i * 7
       FROM unnest($1::uuid[]) s, unnest($2::uuid[]) pr, generate_series(1, 5) i`,
      [[a.id, b.id], [p.id, q.id]],
    );
    const { kept, derived } = await keptAndDerived([a.id, b.id]);
    expect(kept).toHaveLength(4);
    expect(kept).toEqual(derived);
  });

  it("follows updates of stance, date and owner, and deletes, down to no row at all", async () => {
    const [a, b] = [await make.stakeholder(), await make.stakeholder()];
    const p = await make.proposition();
    const older = await make.position({ stakeholder_id: a.id, proposition_id: p.id, stance: "OPPOSE", stated_on: "2022-05-01" });
    const newer = await make.position({ stakeholder_id: a.id, proposition_id: p.id, stance: "SUPPORT", stated_on: "2023-05-01" });
    const check = async (expected: Array<{ owner: string; id: string; stance: string }>) => {
      const { kept, derived } = await keptAndDerived([a.id, b.id]);
      expect(kept).toEqual(derived);
      expect(kept.map((r: { stakeholder_id: string; position_id: string; stance: string }) => ({ owner: r.stakeholder_id, id: r.position_id, stance: r.stance })))
        .toEqual(expected.sort((x, y) => (x.owner < y.owner ? -1 : 1)));
    };
    await check([{ owner: a.id, id: newer.id, stance: "SUPPORT" }]);

    await db.manager.query(`UPDATE position SET stance = 'MIXED' WHERE id = $1`, [newer.id]);
    await check([{ owner: a.id, id: newer.id, stance: "MIXED" }]);
    // Moved back in time, the other position is the latest again.
    await db.manager.query(`UPDATE position SET stated_on = '2021-01-01' WHERE id = $1`, [newer.id]);
    await check([{ owner: a.id, id: older.id, stance: "OPPOSE" }]);
    // Moved to another stakeholder: both keys change.
    await db.manager.query(`UPDATE position SET stakeholder_id = $2 WHERE id = $1`, [older.id, b.id]);
    await check([
      { owner: a.id, id: newer.id, stance: "MIXED" },
      { owner: b.id, id: older.id, stance: "OPPOSE" },
    ]);
    // An edit that leaves stance, date and owner alone keeps the row as it was.
    await db.manager.query(`UPDATE position SET quote = 'Unchanged stance', quote_language = 'en' WHERE id = $1`, [older.id]);
    await check([
      { owner: a.id, id: newer.id, stance: "MIXED" },
      { owner: b.id, id: older.id, stance: "OPPOSE" },
    ]);
    await db.manager.query(`DELETE FROM position WHERE id = $1`, [newer.id]);
    await check([{ owner: b.id, id: older.id, stance: "OPPOSE" }]);
    await db.manager.query(`DELETE FROM position WHERE id = $1`, [older.id]);
    await check([]);
  });

  it("is emptied with the positions by TRUNCATE", async () => {
    const a = await make.stakeholder();
    await make.position({ stakeholder_id: a.id, proposition_id: (await make.proposition()).id });
    expect(await db.count("latest_position")).toBeGreaterThan(0);
    await db.manager.query(`TRUNCATE position CASCADE`);
    expect(await db.count("latest_position")).toBe(0);
  });
});

// Two connections at once: PGlite has one session.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

(embedded ? describe.skip : describe)("latest_position under concurrent writers (real Postgres only)", () => {
  it("keeps the latest position when two transactions write one stakeholder's stance at once", async () => {
    const ds = db.dataSource;
    const [{ id: s }] = await ds.query(`INSERT INTO stakeholder (slug, name, kind) VALUES ('latest-race-' || md5(random()::text), 'Race', 'STATE') RETURNING id`);
    const [{ id: p }] = await ds.query(`INSERT INTO proposition (slug, text) VALUES ('latest-race-' || md5(random()::text), 'Race') RETURNING id`);
    const first = ds.createQueryRunner();
    const second = ds.createQueryRunner();
    try {
      await first.startTransaction();
      await second.startTransaction();
      const [{ id: later }] = await first.query(
        `INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on) VALUES ($1, $2, 'SUPPORT', '2024-01-01') RETURNING id`,
        [s, p],
      );
      // Waits for the first transaction's lock on the stakeholder.
      const earlier = second.query(
        `INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on) VALUES ($1, $2, 'OPPOSE', '2023-01-01') RETURNING id`,
        [s, p],
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      await earlier; // without the lock: a duplicate key in latest_position
      await second.commitTransaction();
      const rows = await ds.query(`SELECT position_id, stance FROM latest_position WHERE stakeholder_id = $1`, [s]);
      expect(rows).toEqual([{ position_id: later, stance: "SUPPORT" }]);
    } finally {
      for (const r of [first, second]) {
        if (r.isTransactionActive) await r.rollbackTransaction();
        await r.release();
      }
      await ds.query(`DELETE FROM position WHERE stakeholder_id = $1`, [s]);
      await ds.query(`DELETE FROM stakeholder WHERE id = $1`, [s]);
      await ds.query(`DELETE FROM proposition WHERE id = $1`, [p]);
    }
  });
});
