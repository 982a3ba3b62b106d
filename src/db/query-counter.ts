/**
 * Counts the SQL statements issued on behalf of one request, so tests (and the
 * benchmark) can prove that nested queries are batched. The count follows the
 * async context of the request, whichever pooled connection runs the query.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface QueryStats {
  statements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();

/** Runs `fn` with a fresh statement counter and returns its result and the count. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const stats: QueryStats = { statements: 0 };
  const result = await storage.run(stats, fn);
  return { result, statements: stats.statements };
}

/** Runs `fn` (synchronously entered) inside a given counter. */
export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return storage.run(stats, fn);
}

/** Called by the data source's logger for every statement. */
export function recordQuery(): void {
  const stats = storage.getStore();
  if (stats) stats.statements += 1;
}
