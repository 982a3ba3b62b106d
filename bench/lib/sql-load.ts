/**
 * The physical limit: a query's hand-written SQL twin run through `pg` at the
 * same concurrency (a pool with one connection per worker, each worker
 * looping for a fixed time).
 */
import { Pool } from "pg";
import { Latency, latencySummary } from "./stats";
import { AnyQuery, Fixtures } from "./types";

export interface SqlRun {
  responses: number;
  seconds: number;
  rps: number;
  latency: Latency;
  failed: number;
  firstFailure: string | null;
  bytesPerResponse: number | null;
  ackIds: string[];
}

/** Runs the twin of `q` once; returns its row (first column `body`). */
export async function sqlOnce(pool: Pool, q: AnyQuery, f: Fixtures, n: number, state: unknown) {
  const res = await pool.query(q.sql, q.params(f, n, state));
  return res.rows[0] as Record<string, unknown> | undefined;
}

export async function runSql(opts: {
  pool: Pool;
  q: AnyQuery;
  f: Fixtures;
  workers: number;
  seconds: number;
  counter: { n: number };
}): Promise<SqlRun> {
  const { pool, q, f, counter } = opts;
  const latencies: number[] = [];
  const ackIds: string[] = [];
  let failed = 0;
  let bytes = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;

  const worker = async () => {
    const state = q.initialState?.();
    while (performance.now() < deadline) {
      const t = performance.now();
      try {
        const row = await sqlOnce(pool, q, f, counter.n++, state);
        latencies.push(performance.now() - t);
        const body = row?.body;
        if (typeof body !== "string") throw new Error(`no body: ${JSON.stringify(row)}`);
        bytes += Buffer.byteLength(body);
        if (row && q.advanceSql) q.advanceSql(row, state);
        if (row && q.writtenId) {
          const id = q.writtenId(row, "sql");
          if (id) ackIds.push(id);
        }
      } catch (err) {
        failed += 1;
        firstFailure ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.workers }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    responses: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    latency: latencySummary(latencies),
    failed,
    firstFailure,
    bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : null,
    ackIds,
  };
}
