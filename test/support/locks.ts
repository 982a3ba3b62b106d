/**
 * Holding a table locked from another connection, so that a statement that
 * reads it waits, and only a timeout (or the lock's release) ends the wait:
 * how tests see which statement_timeout a statement ran under, and what waits for what.
 */
import { DataSource } from "typeorm";

/**
 * Runs `fn` while `table` is locked (ACCESS EXCLUSIVE) on a connection of
 * `dataSource`. The lock goes `releaseAfterMs` after the start, or when `fn`
 * settles, whichever comes first.
 */
export async function whileLocked<T>(dataSource: DataSource, table: string, fn: () => Promise<T>, releaseAfterMs?: number): Promise<T> {
  const locker = dataSource.createQueryRunner();
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  let released: Promise<unknown> | undefined;
  const release = () => (released ??= locker.query("ROLLBACK"));
  const timer = releaseAfterMs === undefined ? undefined : setTimeout(release, releaseAfterMs);
  try {
    return await fn();
  } finally {
    clearTimeout(timer);
    await release();
    await locker.release();
  }
}

/** How many backends of the current database wait for a lock. */
export async function lockWaiters(dataSource: DataSource): Promise<number> {
  const [{ n }] = await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return n;
}
