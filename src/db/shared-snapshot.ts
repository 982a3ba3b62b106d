/**
 * Several connections reading one snapshot of the database, so that a heavy
 * read split into parts (the alignment network's pairing) runs on several
 * Postgres backends, and cores, at once and still sees the same data in
 * every part.
 */
import { EntityManager } from "typeorm";
import { queryObjects } from "../common/sql";
import { countOn, statsOf } from "./query-counter";

/** What pg-pool tells of its connections. */
interface PoolState {
  idleCount: number;
  totalCount: number;
  waitingCount: number;
  options: { max: number };
}

/**
 * Runs `fn` on `n` connections, each in a read-only REPEATABLE READ
 * transaction, all on the snapshot the first exports (pg_export_snapshot).
 * The transactions end when `fn` settles.
 *
 * Answers undefined, having run nothing, unless the pool can hand out all
 * `n` connections now: it never waits for a connection while holding one,
 * since requests each holding one and waiting for another could hold the
 * pool forever. So too inside a transaction (another connection would not
 * see its rows) and on the embedded PGlite (one connection). The caller then
 * runs its read whole, on one connection.
 */
export async function inSharedSnapshot<T>(
  manager: EntityManager,
  n: number,
  fn: (parts: EntityManager[]) => Promise<T>,
): Promise<T | undefined> {
  if (manager.queryRunner || n < 2) return undefined;
  const pool = (manager.connection.driver as unknown as { master?: PoolState }).master;
  if (!pool?.options || pool.waitingCount > 0 || pool.idleCount + pool.options.max - pool.totalCount < n) return undefined;
  const runners = Array.from({ length: n }, () => manager.connection.createQueryRunner());
  // connect() asks the pool at once (before its first await), so no other
  // request takes the free connections between the check and here.
  const connected = Promise.all(runners.map((r) => r.connect()));
  const stats = statsOf(manager);
  if (stats) for (const r of runners) countOn(r, stats);
  const parts = runners.map((r) => r.manager);
  const begun: EntityManager[] = [];
  try {
    await connected;
    const begin = async (m: EntityManager, snapshot?: string) => {
      await queryObjects(m, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      begun.push(m);
      // Only as the transaction's first statement.
      if (snapshot) await queryObjects(m, `SET TRANSACTION SNAPSHOT '${snapshot}'`);
    };
    await begin(parts[0]);
    const [{ snapshot }] = await queryObjects<{ snapshot: string }>(parts[0], "SELECT pg_export_snapshot() AS snapshot");
    await Promise.all(parts.slice(1).map((m) => begin(m, snapshot)));
    return await fn(parts);
  } finally {
    // Read only: nothing to keep, so each ends by ROLLBACK, after fn or its failure.
    await Promise.allSettled(begun.map((m) => queryObjects(m, "ROLLBACK")));
    await Promise.allSettled(runners.map((r) => r.release()));
  }
}
