/**
 * The benchmark: starts the built server against DATABASE_URL (filled by
 * `npm run generate`), drives each query of bench/queries/ over HTTP with
 * autocannon at fixed concurrency, times the same data fetched by one
 * hand-written SQL statement through `pg` at the same concurrency (the
 * physical limit), prints a table and writes bench/results/<time>-<label>.json.
 *
 *   npm run bench -- [--duration 10] [--connections 10,50] [--only Q1,Q3]
 *                    [--label name] [--smoke] [--no-sql] [--cpu-prof]
 *
 * Exits non-zero only when something is broken: the server does not start, a
 * query answers with errors, a write is not found afterwards, a SQL twin fails.
 * Timings are reported, never asserted.
 */
import "reflect-metadata";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, Pool } from "pg";
import { projectRoot } from "../src/config";
import { sessionConnection } from "../src/db/data-source";
import { QUERIES } from "./queries";
import { countObjects, firstDifference } from "./lib/compare";
import { BENCH_KEY_NAME, createBenchKey, deleteBenchKey, loadFixtures } from "./lib/fixtures";
import { HttpRun, requestBody, runHttp } from "./lib/http-load";
import { ServerProcess, allPids, cpuSeconds, procStat, rssKb, serverPids, startServer, watchRss } from "./lib/server";
import { SqlRun, runSql, sqlOnce } from "./lib/sql-load";
import { fmt, percentile, table } from "./lib/stats";
import { AnyQuery, Fixtures, WriteCheck } from "./lib/types";

interface Options {
  seconds: number;
  connections: number[];
  only: string[] | null;
  label: string | null;
  smoke: boolean;
  sql: boolean;
  cpuProf: boolean;
  /** Server processes (the server's WORKERS). */
  workers: number;
  warmupSeconds: number;
  samples: number;
}

function usage(message: string): never {
  console.error(`${message}
usage: npm run bench -- [--duration <s>] [--connections 10,50] [--only Q1,Q3] [--label <name>] [--workers <n>] [--smoke] [--no-sql] [--cpu-prof]`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    seconds: 10,
    connections: [10, 50],
    only: null,
    label: null,
    smoke: false,
    sql: true,
    cpuProf: false,
    workers: 1,
    warmupSeconds: 3,
    samples: 10,
  };
  let durationGiven = false;
  let connectionsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === "--duration") {
      o.seconds = Number(value());
      durationGiven = true;
      if (!Number.isInteger(o.seconds) || o.seconds < 1) usage("--duration must be a whole number of seconds ≥ 1");
    } else if (a === "--connections") {
      o.connections = value().split(",").map(Number);
      connectionsGiven = true;
      if (o.connections.some((c) => !Number.isInteger(c) || c < 1)) usage("--connections takes numbers ≥ 1, e.g. 10,50");
    } else if (a === "--only") {
      o.only = value().toUpperCase().split(",");
      const unknown = o.only.filter((n) => !QUERIES.some((q) => q.name === n));
      if (unknown.length) usage(`unknown quer${unknown.length > 1 ? "ies" : "y"} ${unknown.join(", ")}`);
    } else if (a === "--label") {
      o.label = value().replace(/[^\w.-]+/g, "-");
    } else if (a === "--smoke") {
      o.smoke = true;
    } else if (a === "--no-sql") {
      o.sql = false;
    } else if (a === "--cpu-prof") {
      o.cpuProf = true;
    } else if (a === "--workers") {
      o.workers = Number(value());
      if (!Number.isInteger(o.workers) || o.workers < 1) usage("--workers must be a whole number ≥ 1");
    } else {
      usage(`unknown option ${a}`);
    }
  }
  if (o.smoke) {
    // A few seconds in all: one concurrency level, one-second runs, no warm-up beyond the samples.
    if (!durationGiven) o.seconds = 1;
    if (!connectionsGiven) o.connections = [10];
    o.warmupSeconds = 0;
    o.samples = 3;
  }
  o.warmupSeconds = Math.min(o.warmupSeconds, o.seconds);
  return o;
}

const log = (m: string) => console.log(m);

/** `Query.x` and `Mutation.y` for every root field the running server has. */
async function rootFields(url: string): Promise<Set<string>> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __schema { queryType { fields { name } } mutationType { fields { name } } } }" }),
  });
  const { data } = (await res.json()) as {
    data: { __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } | null } };
  };
  return new Set([
    ...data.__schema.queryType.fields.map((f) => `Query.${f.name}`),
    ...(data.__schema.mutationType?.fields ?? []).map((f) => `Mutation.${f.name}`),
  ]);
}

interface Sample {
  status: number;
  /** Wall time of the request, sent alone. */
  ms: number;
  statements: number | null;
  bytes: number;
  data: unknown;
  errors: unknown[] | null;
}

async function gqlOnce(url: string, body: string, headers: Record<string, string>): Promise<Sample> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  const ms = performance.now() - t;
  let parsed: { data?: unknown; errors?: unknown[] } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { errors: [{ message: `unparsable response: ${text.slice(0, 300)}` }] };
  }
  const header = res.headers.get("x-sql-statements");
  return {
    status: res.status,
    ms,
    statements: header === null ? null : Number(header),
    bytes: Buffer.byteLength(text),
    data: parsed.data ?? null,
    errors: parsed.errors?.length ? parsed.errors : null,
  };
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds(): number | null {
  try {
    const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0); // idle + iowait
    return (cpu.reduce((a, b) => a + b, 0) - idle) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds used so far by the bench's own processes: the server, this process, and every postgres process. */
function ownCpuSeconds(serverPid: number): Map<number, number> {
  const out = new Map<number, number>();
  const server = new Set(serverPids(serverPid));
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (stat && (server.has(pid) || pid === process.pid || stat.comm === "postgres")) out.set(pid, stat.cpuSeconds);
  }
  return out;
}

/** Cores' worth of CPU that other work on the machine used between two snapshots (what skews a run). */
function otherCores(busy0: number | null, own0: Map<number, number>, busy1: number | null, own1: Map<number, number>, wall: number) {
  if (busy0 === null || busy1 === null) return null;
  let own = 0;
  for (const [pid, t] of own1) own += t - (own0.get(pid) ?? 0);
  return Math.max(0, Math.round(((busy1 - busy0 - own) / wall) * 100) / 100);
}

interface RunResult {
  connections: number;
  /** The machine's 1-minute load average when the run started (it includes the bench's own previous run). */
  loadAverage: number;
  /**
   * Cores' worth of CPU used during the GraphQL run by processes other than
   * the server, the bench and Postgres: other work competing for the machine.
   */
  otherCores: number | null;
  graphql: Omit<HttpRun, "ackIds"> & {
    rss: { startMb: number | null; endMb: number | null; maxMb: number | null; series?: Array<[number, number]> };
    serverCpu: number | null;
    /** Server CPU time per response, in ms: steadier than latency on a busy machine. */
    serverCpuMsPerRequest: number | null;
  };
  sql: Omit<SqlRun, "ackIds"> | null;
  /** GraphQL throughput as a fraction of the SQL twin's. */
  fraction: number | null;
  writes?: { graphql: WriteCheck; sql: WriteCheck | null };
}

interface QueryResult {
  name: string;
  title: string;
  skipped?: string;
  graphql?: string;
  statements?: number[];
  statementsSmall?: number | null;
  /** Median wall time of a request sent alone, after the warm-up. */
  sequentialMs?: number | null;
  bodyBytes?: number;
  objects?: number;
  sqlBodyBytes?: number | null;
  sameAsSql?: string;
  runs: RunResult[];
  writes?: Record<string, WriteCheck>;
  cleanup?: Record<string, number>;
}

const mb = (kb: number | null) => (kb === null ? null : Math.round(kb / 102.4) / 10);

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) usage("DATABASE_URL must name the Postgres database filled by `npm run generate`");

  const broken: string[] = [];
  const results: QueryResult[] = [];
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let server: ServerProcess | null = null;
  let f: Fixtures | null = null;
  const startedAt = new Date();
  let pgVersion = "";
  let base: Awaited<ReturnType<typeof loadFixtures>> | null = null;

  const settleWrites = async (q: AnyQuery, ids: string[], phase: string, qr: QueryResult): Promise<WriteCheck | null> => {
    if (!q.verify || !f) return null;
    // Requests cut off at the end of a run may still be committing.
    await new Promise((r) => setTimeout(r, 500));
    const check = await q.verify(db, f, ids);
    (qr.writes ??= {})[phase] = check;
    if (check.problems.length) broken.push(`${q.name} ${phase}: ${check.problems.join("; ")}`);
    // Sequential samples must succeed; a short run under load may simply finish none.
    if (!check.acknowledged && phase === "samples") broken.push(`${q.name} ${phase}: no write was acknowledged`);
    const deleted = q.cleanup ? await q.cleanup(db, f) : {};
    for (const [t, n] of Object.entries(deleted)) (qr.cleanup ??= {})[t] = (qr.cleanup?.[t] ?? 0) + n;
    log(
      `  ${phase}: ${check.verified}/${check.acknowledged} acknowledged writes verified (${Object.entries(check.rows)
        .map(([t, n]) => `${n} ${t}`)
        .join(", ")}); the key wrote ${Object.entries(check.rowsByKey)
        .map(([t, n]) => `${n} ${t}`)
        .join(", ")}${check.problems.length ? ` — PROBLEMS: ${check.problems.join("; ")}` : ""}`,
    );
    return check;
  };

  try {
    pgVersion = (await db.query("SHOW server_version")).rows[0].server_version;
    base = await loadFixtures(db);
    log(`data: scale ${base.scale} ${JSON.stringify(base.counts)}`);
    const profileDir = path.join(projectRoot, "bench", "results", "profiles");
    if (o.cpuProf) mkdirSync(profileDir, { recursive: true });
    const t0 = Date.now();
    try {
      server = await startServer({
        root: projectRoot,
        databaseUrl,
        nodeArgs: o.cpuProf ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
        env: { WORKERS: String(o.workers) },
      });
    } catch (err) {
      broken.push(`the server did not start: ${err instanceof Error ? err.message : err}`);
      throw err;
    }
    log(`server: pid ${server.pid} at ${server.url}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s, RSS ${fmt.mb(rssKb(server.pid))} MB`);
    const available = await rootFields(server.url);
    f = { ...base, writer: await createBenchKey(databaseUrl) };
    const auth = { authorization: `Bearer ${f.writer.secret}` };
    const counter = { n: 0 };

    for (const q of QUERIES.filter((x) => !o.only || o.only.includes(x.name))) {
      const qr: QueryResult = { name: q.name, title: q.title, runs: [] };
      results.push(qr);
      const missing = q.requires.filter((r) => !available.has(r));
      if (missing.length) {
        qr.skipped = `the server has no ${missing.join(", ")} yet`;
        log(`\n${q.name} ${q.title}: SKIPPED — ${qr.skipped}`);
        continue;
      }
      log(`\n${q.name} ${q.title}`);
      qr.graphql = q.graphql;
      const headers = q.writtenId ? auth : {};

      // Samples: errors, statements per request, response size.
      const state = q.initialState?.();
      const sampleIds: string[] = [];
      const samples: Sample[] = [];
      for (let i = 0; i < o.samples; i++) {
        const s = await gqlOnce(server.url, requestBody(q, f, counter.n++, state), headers);
        samples.push(s);
        if (s.status !== 200 || s.errors) {
          broken.push(`${q.name} answered HTTP ${s.status} with errors: ${JSON.stringify(s.errors).slice(0, 1000)}`);
          break;
        }
        if (q.advanceGraphql) q.advanceGraphql(s.data, state);
        const id = q.writtenId?.(s.data, "graphql");
        if (id) sampleIds.push(id);
      }
      if (broken.some((b) => b.startsWith(`${q.name} `))) {
        log(`  BROKEN: ${broken[broken.length - 1]}`);
        await settleWrites(q, sampleIds, "samples", qr);
        continue;
      }
      qr.statements = [...new Set(samples.map((s) => s.statements ?? -1))].sort((a, b) => a - b);
      qr.bodyBytes = samples[0].bytes;
      qr.objects = countObjects(samples[0].data);
      if (q.smallGraphql) {
        const small = await gqlOnce(
          server.url,
          JSON.stringify({ query: q.smallGraphql, variables: q.variables(f, counter.n++, q.initialState?.()) }),
          headers,
        );
        if (small.errors) broken.push(`${q.name} (small) answered with errors: ${JSON.stringify(small.errors).slice(0, 500)}`);
        qr.statementsSmall = small.statements;
      }
      await settleWrites(q, sampleIds, "samples", qr);

      // The twin must return the same data as the server, for the same request.
      if (o.sql) {
        const pool = new Pool({ ...sessionConnection(databaseUrl), max: 1 });
        try {
          const n = counter.n++;
          const row = await sqlOnce(pool, q, f, n, q.initialState?.());
          qr.sqlBodyBytes = typeof row?.body === "string" ? Buffer.byteLength(row.body) : null;
          if (q.writtenId) {
            qr.sameAsSql = "not compared (a write)";
            const id = row ? q.writtenId(row, "sql") : null;
            await settleWrites(q, id ? [id] : [], "sql sample", qr);
          } else {
            const gql = await gqlOnce(server.url, requestBody(q, f, n, q.initialState?.()), headers);
            const sqlData = (JSON.parse(String(row?.body)) as { data: unknown }).data;
            const diff = firstDifference(gql.data, sqlData);
            qr.sameAsSql = diff ? `DIFFERENT: ${diff}` : "same";
          }
        } catch (err) {
          broken.push(`${q.name} SQL twin failed: ${err instanceof Error ? err.message : err}`);
          qr.sameAsSql = "twin failed";
        } finally {
          await pool.end();
        }
        if (qr.sameAsSql?.startsWith("DIFFERENT")) log(`  warning: the SQL twin's data differs: ${qr.sameAsSql}`);
      }
      log(
        `  ${qr.statements.join("/")} SQL statements per request${
          qr.statementsSmall !== undefined ? ` (${qr.statementsSmall} for the small variant)` : ""
        }, ${qr.bodyBytes} bytes, ${qr.objects} objects; SQL twin: ${qr.sameAsSql ?? "not run"}`,
      );

      // Warm-up: JIT, plan caches, connection pools, Postgres buffers.
      if (o.warmupSeconds > 0) {
        const w = await runHttp({ url: server.url, q, f, connections: o.connections[0], seconds: o.warmupSeconds, counter, headers });
        if (w.failed) broken.push(`${q.name} warm-up: ${w.failed} failed responses, first: ${w.firstFailure}`);
        await settleWrites(q, w.ackIds, "warm-up", qr);
      }

      // Latency without concurrency: requests one after the other.
      const aloneIds: string[] = [];
      const alone: number[] = [];
      const aloneState = q.initialState?.();
      const aloneUntil = Date.now() + o.seconds * 1000;
      for (let i = 0; i < o.samples * 2 && (i < 3 || Date.now() < aloneUntil); i++) {
        const s = await gqlOnce(server.url, requestBody(q, f, counter.n++, aloneState), headers);
        if (s.status !== 200 || s.errors) {
          broken.push(`${q.name} answered HTTP ${s.status} with errors: ${JSON.stringify(s.errors).slice(0, 1000)}`);
          break;
        }
        alone.push(s.ms);
        if (q.advanceGraphql) q.advanceGraphql(s.data, aloneState);
        const id = q.writtenId?.(s.data, "graphql");
        if (id) aloneIds.push(id);
      }
      qr.sequentialMs = percentile(alone, 50);
      if (qr.sequentialMs !== null) qr.sequentialMs = Math.round(qr.sequentialMs * 100) / 100;
      await settleWrites(q, aloneIds, "one at a time", qr);
      log(`  one request at a time: median ${fmt.ms(qr.sequentialMs)} ms over ${alone.length}`);

      for (const connections of o.connections) {
        // Each concurrency level starts from its own steady state, not from a burst of cold connections.
        if (o.warmupSeconds > 0 && connections !== o.connections[0]) {
          const w = await runHttp({ url: server.url, q, f, connections, seconds: o.warmupSeconds, counter, headers });
          if (w.failed) broken.push(`${q.name} warm-up at ${connections}: ${w.failed} failed responses, first: ${w.firstFailure}`);
          await settleWrites(q, w.ackIds, `warm-up c${connections}`, qr);
        }
        const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
        const rss = watchRss(server.pid, o.seconds > 60 ? 1000 : 250);
        const cpu0 = cpuSeconds(server.pid);
        const busy0 = machineBusySeconds();
        const own0 = ownCpuSeconds(server.pid);
        const t = process.hrtime.bigint();
        const h = await runHttp({ url: server.url, q, f, connections, seconds: o.seconds, counter, headers });
        const wall = Number(process.hrtime.bigint() - t) / 1e9;
        const cpu1 = cpuSeconds(server.pid);
        const busy1 = machineBusySeconds();
        const own1 = ownCpuSeconds(server.pid);
        const mem = rss.stop();
        if (h.failed || h.transportErrors) {
          broken.push(`${q.name} at ${connections} connections: ${h.failed} failed responses, ${h.transportErrors} connection errors/timeouts; first: ${h.firstFailure}`);
        }
        const step = Math.max(1, Math.floor(rss.samples.length / 60));
        const { ackIds, ...http } = h;
        const run: RunResult = {
          connections,
          loadAverage,
          otherCores: otherCores(busy0, own0, busy1, own1, wall),
          graphql: {
            ...http,
            rss: {
              startMb: mb(mem.startKb),
              endMb: mb(mem.endKb),
              maxMb: mb(mem.maxKb),
              ...(o.seconds > 60
                ? { series: rss.samples.filter((_, i) => i % step === 0).map((s) => [Math.round(s.t / 1000), mb(s.kb)!] as [number, number]) }
                : {}),
            },
            serverCpu: cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / wall : null,
            serverCpuMsPerRequest:
              cpu0 !== null && cpu1 !== null && h.responses ? Math.round(((cpu1 - cpu0) * 1e5) / h.responses) / 100 : null,
          },
          sql: null,
          fraction: null,
        };
        qr.runs.push(run);
        const gWrites = await settleWrites(q, ackIds, `graphql c${connections}`, qr);
        if (!h.responses) log(`  c${connections} GraphQL: no response completed within ${o.seconds} s (each took longer; try a longer --duration)`);
        log(
          `  c${connections} GraphQL: ${fmt.rps(h.rps)} req/s, p50 ${fmt.ms(h.latency.p50)} / p95 ${fmt.ms(h.latency.p95)} / p99 ${fmt.ms(h.latency.p99)} ms, server RSS ${run.graphql.rss.startMb}→${run.graphql.rss.endMb} MB (max ${run.graphql.rss.maxMb}), server CPU ${fmt.pct(run.graphql.serverCpu)} (${run.graphql.serverCpuMsPerRequest} ms/request), bench CPU ${fmt.pct(h.loadGeneratorCpu)}, other work ${run.otherCores ?? "–"} cores`,
        );
        if (o.seconds > 60) {
          const s = rss.samples;
          const at = (frac: number) => s[Math.min(s.length - 1, Math.floor(frac * (s.length - 1)))];
          log(`  RSS start/middle/end: ${[0, 0.5, 1].map((x) => `${fmt.mb(at(x).kb)} MB at ${Math.round(at(x).t / 1000)} s`).join(" / ")}`);
        }

        if (o.sql) {
          // The server's session settings (no JIT), so that both run the same plans.
          const pool = new Pool({ ...sessionConnection(databaseUrl), max: connections });
          try {
            // Open every connection and warm the plan before timing.
            await runSql({ pool, q, f, workers: connections, seconds: Math.min(1, o.seconds), counter }).then((w) =>
              settleWrites(q, w.ackIds, `sql warm-up c${connections}`, qr),
            );
            const s = await runSql({ pool, q, f, workers: connections, seconds: o.seconds, counter });
            if (s.failed) broken.push(`${q.name} SQL twin at ${connections}: ${s.failed} failed, first: ${s.firstFailure}`);
            const { ackIds: sqlIds, ...sql } = s;
            run.sql = sql;
            run.fraction = s.rps ? h.rps / s.rps : null;
            const sWrites = await settleWrites(q, sqlIds, `sql c${connections}`, qr);
            if (gWrites) run.writes = { graphql: gWrites, sql: sWrites };
            log(
              `  c${connections} SQL:     ${fmt.rps(s.rps)} req/s, p50 ${fmt.ms(s.latency.p50)} / p95 ${fmt.ms(s.latency.p95)} / p99 ${fmt.ms(s.latency.p99)} ms → GraphQL at ${fmt.pct(run.fraction)} of the physical limit`,
            );
          } finally {
            await pool.end();
          }
        } else if (gWrites) {
          run.writes = { graphql: gWrites, sql: null };
        }
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!broken.some((b) => message.includes(b) || b.includes(message.slice(0, 80)))) broken.push(message);
  } finally {
    if (f) {
      for (const q of QUERIES) if (q.cleanup) await q.cleanup(db, f).catch(() => undefined);
      await deleteBenchKey(db, f.writer.keyId).catch(() => undefined);
    }
    // Keys (and their positions) left behind by an interrupted earlier run.
    const stale = `SELECT id FROM api_key WHERE name = $1`;
    await db.query(`DELETE FROM position WHERE created_by IN (${stale})`, [BENCH_KEY_NAME]).catch(() => undefined);
    await db.query(`DELETE FROM api_key WHERE id IN (${stale})`, [BENCH_KEY_NAME]).catch(() => undefined);
    if (server) await server.stop();
    await db.end();
  }

  report(o, results, { startedAt, pgVersion, scale: base?.scale ?? "unknown", counts: base?.counts ?? {} }, broken);
  process.exit(broken.length ? 1 : 0);
}

function report(
  o: Options,
  results: QueryResult[],
  meta: { startedAt: Date; pgVersion: string; scale: string; counts: Record<string, number> },
  broken: string[],
): void {
  const rows: Array<Array<string | number | null>> = [];
  const others: number[] = [];
  for (const q of results) {
    if (q.skipped) {
      rows.push([q.name, "skipped", ...Array<null>(14).fill(null)]);
      continue;
    }
    for (const r of q.runs) {
      const g = r.graphql;
      if (r.otherCores !== null) others.push(r.otherCores);
      rows.push([
        q.name,
        r.connections,
        g.responses ? fmt.rps(g.rps) : `none in ${Math.round(g.seconds)} s`,
        fmt.ms(g.latency.p50),
        fmt.ms(g.latency.p95),
        fmt.ms(g.latency.p99),
        `${q.statements?.join("/")}${q.statementsSmall !== undefined && q.statementsSmall !== null ? ` (${q.statementsSmall})` : ""}`,
        fmt.ms(q.sequentialMs ?? null),
        fmt.bytes(q.bodyBytes ?? null),
        q.objects ?? null,
        `${g.rss.startMb ?? "–"}→${g.rss.endMb ?? "–"} (${g.rss.maxMb ?? "–"})`,
        `${fmt.pct(g.serverCpu)} ${g.serverCpuMsPerRequest ?? "–"}`,
        fmt.rps(r.sql?.rps ?? null),
        fmt.ms(r.sql?.latency.p99 ?? null),
        fmt.pct(r.fraction),
        r.otherCores,
      ]);
    }
  }
  log(
    `\nStancegraph bench — scale ${meta.scale}, ${o.workers} server process${o.workers > 1 ? "es" : ""}, ${o.seconds} s per run, ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${meta.pgVersion}; other work on the machine during the GraphQL runs: ${others.length ? `${Math.min(...others)}–${Math.max(...others)}` : "–"} cores`,
  );
  log(
    table(
      ["query", "conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "SQL stmts (small)", "alone ms", "body", "objects", "RSS MB start→end (max)", "srv CPU, ms/req", "SQL req/s", "SQL p99", "of SQL", "other cores"],
      rows,
    ),
  );
  for (const q of results) if (q.skipped) log(`${q.name} skipped: ${q.skipped}`);
  for (const q of results) if (q.sameAsSql?.startsWith("DIFFERENT")) log(`${q.name} SQL twin: ${q.sameAsSql}`);

  const label = o.label ?? (o.smoke ? `${meta.scale}-smoke` : meta.scale);
  const dir = path.join(projectRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${meta.startedAt.toISOString().replace(/[:.]/g, "-")}-${label}.json`);
  const json = {
    startedAt: meta.startedAt.toISOString(),
    label,
    scale: meta.scale,
    counts: meta.counts,
    options: { seconds: o.seconds, connections: o.connections, only: o.only, smoke: o.smoke, sql: o.sql, warmupSeconds: o.warmupSeconds, workers: o.workers },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryMb: Math.round(os.totalmem() / 2 ** 20),
      node: process.version,
      postgres: meta.pgVersion,
    },
    queries: results,
    broken,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  log(`\nwrote ${path.relative(process.cwd(), file)}`);
  if (broken.length) {
    log(`\nBROKEN (${broken.length}):`);
    for (const b of broken) log(`- ${b}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
