import { useTestDatabase } from "../../test/support/database";
import { ErrorCode } from "../errors";
import { TRANSACTION_ATTEMPTS, inTransaction, retryRaced } from "./crud";

const db = useTestDatabase();

/** A transaction (a savepoint of the test's) that Postgres fails with `sqlstate` on the attempts listed. */
function failing(sqlstate: string, failOn: (attempt: number) => boolean) {
  let attempts = 0;
  const run = () =>
    db.manager.transaction(async (tx) => {
      attempts++;
      if (failOn(attempts)) {
        await tx.query(`DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '${sqlstate}', MESSAGE = 'lost a race'; END $$`);
      }
      return attempts;
    });
  return { run, attempts: () => attempts };
}

describe("retryRaced", () => {
  it("runs a transaction again after a serialization failure or a deadlock", async () => {
    for (const sqlstate of ["40001", "40P01"]) {
      const tx = failing(sqlstate, (n) => n === 1);
      expect({ sqlstate, result: await retryRaced(tx.run) }).toEqual({ sqlstate, result: 2 });
    }
  });

  it("answers CONFLICT, marked retryable, after losing every attempt", async () => {
    const tx = failing("40P01", () => true);
    const err = await retryRaced(tx.run).catch((e) => e);
    expect(err.extensions).toEqual({ code: ErrorCode.CONFLICT, retryable: true });
    expect(err.message).toMatch(/collided with concurrent writes 3 times/);
    expect(tx.attempts()).toBe(TRANSACTION_ATTEMPTS);
  });

  it("does not run again a transaction that failed for any other reason", async () => {
    const tx = failing("23505", () => true);
    await expect(retryRaced(tx.run)).rejects.toThrow("lost a race");
    expect(tx.attempts()).toBe(1);
  });
});

// Two connections at once: PGlite has one session.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

(embedded ? describe.skip : describe)("inTransaction under a deadlock (real Postgres only)", () => {
  it("runs the transaction Postgres chose as the deadlock's victim again, and both go through", async () => {
    const ds = db.dataSource;
    const rows: Array<{ id: string }> = await ds.query(
      `INSERT INTO stakeholder (slug, name, kind)
       SELECT 'deadlock-' || i || '-' || md5(random()::text), 'Deadlock ' || i, 'STATE' FROM generate_series(1, 2) i
       RETURNING id`,
    );
    const [a, b] = rows.map((r) => r.id);
    // Both first attempts hold their first lock before either asks for its second.
    let waiting = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    let attempts = 0;
    const lockBoth = (first: string, second: string) =>
      inTransaction(ds.manager, async (tx) => {
        const attempt = ++attempts;
        await tx.query(`SELECT 1 FROM stakeholder WHERE id = $1 FOR UPDATE`, [first]);
        if (attempt <= 2) {
          if (++waiting === 2) release();
          await bothHoldOne;
        }
        await tx.query(`SELECT 1 FROM stakeholder WHERE id = $1 FOR UPDATE`, [second]);
        return attempt;
      });
    try {
      const done = await Promise.all([lockBoth(a, b), lockBoth(b, a)]);
      // One went through at once; the victim went through on the third attempt in all.
      expect(attempts).toBe(3);
      expect(done).toContain(3);
    } finally {
      await ds.query(`DELETE FROM stakeholder WHERE id = ANY($1)`, [[a, b]]);
    }
  });
});
