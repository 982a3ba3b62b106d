import { useTestDatabase } from "../../test/support/database";
import { queryObjects } from "../common/sql";
import { inSharedSnapshot } from "./shared-snapshot";

const db = useTestDatabase();

// Several connections at once: PGlite has one session.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

describe("inSharedSnapshot", () => {
  it("runs nothing inside a transaction (other connections would not see its rows)", async () => {
    const fn = jest.fn(async () => "ran");
    await expect(inSharedSnapshot(db.manager, 2, fn)).resolves.toBeUndefined();
    expect(fn).not.toHaveBeenCalled();
  });

  it("runs nothing when the pool cannot hand out every connection now", async () => {
    const fn = jest.fn(async () => "ran");
    // The test pool has 4 connections (1 on PGlite), one of them the test's transaction.
    await expect(inSharedSnapshot(db.dataSource.manager, 4, fn)).resolves.toBeUndefined();
    expect(fn).not.toHaveBeenCalled();
  });
});

(embedded ? describe.skip : describe)("inSharedSnapshot on real Postgres", () => {
  const slug = `snapshot-${Date.now()}`;
  const stakeholders = (m: Parameters<typeof queryObjects>[0]) =>
    queryObjects<{ n: number }>(m, "SELECT count(*)::int AS n FROM stakeholder WHERE slug LIKE $1", [`${slug}%`]).then((r) => r[0].n);
  afterEach(() => db.dataSource.query("DELETE FROM stakeholder WHERE slug LIKE $1", [`${slug}%`]));

  it("runs each part on its own backend, all reading one snapshot", async () => {
    const ds = db.dataSource;
    await ds.query(`INSERT INTO stakeholder (slug, name, kind) VALUES ($1, 'Before', 'STATE')`, [`${slug}-before`]);
    const seen = await inSharedSnapshot(ds.manager, 2, async (parts) => {
      // Both transactions have begun; a row committed now is after their snapshot.
      await ds.query(`INSERT INTO stakeholder (slug, name, kind) VALUES ($1, 'After', 'STATE')`, [`${slug}-after`]);
      return Promise.all(
        parts.map(async (m) => ({
          pid: (await queryObjects<{ pid: number }>(m, "SELECT pg_backend_pid() AS pid"))[0].pid,
          rows: await stakeholders(m),
        })),
      );
    });
    expect(seen).toHaveLength(2);
    expect(seen![0].pid).not.toBe(seen![1].pid);
    expect(seen!.map((s) => s.rows)).toEqual([1, 1]);
    expect(await stakeholders(ds.manager)).toBe(2);
  });

  it("ends its transactions and gives the connections back when a part fails", async () => {
    const ds = db.dataSource;
    const failing = inSharedSnapshot(ds.manager, 2, (parts) => Promise.all(parts.map((m) => queryObjects(m, "SELECT 1/0"))));
    await expect(failing).rejects.toThrow(/division by zero/);
    // Read only: a write in a part is refused, and no connection is left in a transaction.
    await expect(
      inSharedSnapshot(ds.manager, 2, (parts) => queryObjects(parts[1], `INSERT INTO stakeholder (slug, name, kind) VALUES ($1, 'W', 'STATE')`, [`${slug}-w`])),
    ).rejects.toThrow(/read-only transaction/);
    const again = await inSharedSnapshot(ds.manager, 2, (parts) =>
      Promise.all(parts.map(async (m) => (await queryObjects<{ s: string }>(m, "SELECT current_setting('transaction_read_only') AS s"))[0].s)),
    );
    expect(again).toEqual(["on", "on"]);
    const open = await ds.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()`,
    );
    // The test's own transaction is the only one left open.
    expect(open[0].n).toBe(1);
  });
});
