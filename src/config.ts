/**
 * The only place that reads the environment. Everything else receives a
 * `Config` so that tests and scripts can build their own.
 */
import path from "node:path";

/** Absolute path of the project root (works from src/ and dist/src/). */
export const projectRoot = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..",
);

export interface Config {
  /** Postgres connection string; when absent an embedded PGlite is started. */
  databaseUrl: string | undefined;
  /** Folder where the embedded database keeps its files (survives restarts). */
  dataDir: string;
  port: number;
  host: string;
  /** "production" masks internal errors and hides stack traces. */
  nodeEnv: string;
  logLevel: string;
  /** Comma-separated origins allowed by CORS; "*" allows any. */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Postgres statement_timeout for every connection, in milliseconds. */
  statementTimeoutMs: number;
  /**
   * statement_timeout for the alignment network's statement over everyone,
   * in milliseconds (0: none). It pairs every stakeholder who may reach the
   * strongest edges, which on a million positions can take longer than an
   * ordinary read should (src/modules/analysis/alignment.service.ts).
   */
  alignmentTimeoutMs: number;
  /**
   * How many alignment networks over everyone a server process computes at
   * once (0: no limit); the others wait their turn. Each holds one or two
   * pool connections while it runs.
   */
  alignmentConcurrency: number;
  /** Connections per server process. */
  poolSize: number;
  /**
   * Server processes sharing the port (Node's cluster module): one event loop
   * per core. More than one needs DATABASE_URL (PGlite is one session).
   */
  workers: number;
  /** Deepest selection set a query may have. */
  maxQueryDepth: number;
  /** Highest estimated cost (roughly: rows a query may touch) a query may have. */
  maxQueryCost: number;
  /**
   * An operation is compiled to JavaScript (graphql-jit) the time its query
   * text has run this often: 1 compiles at first sight, 0 never
   * (src/server/compiled-execution.ts).
   */
  compileAfter: number;
  /** Load seeds/ when the database has no stakeholders yet. */
  seedOnStart: boolean;
  seedDir: string;
  /** How long SIGTERM waits for in-flight requests before closing anyway. */
  shutdownGraceMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** Reads the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = projectRoot;
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.STANCEGRAPH_DATA_DIR || path.join(root, ".data", "pglite")),
    port: int(env, "PORT", 4000),
    host: env.HOST || "0.0.0.0",
    nodeEnv: env.NODE_ENV || "development",
    logLevel: env.LOG_LEVEL || "info",
    corsOrigins: (env.CORS_ORIGINS ?? "*").split(",").map((s) => s.trim()).filter(Boolean),
    bodyLimitBytes: int(env, "BODY_LIMIT_BYTES", 100_000),
    statementTimeoutMs: int(env, "STATEMENT_TIMEOUT_MS", 10_000),
    alignmentTimeoutMs: int(env, "ALIGNMENT_TIMEOUT_MS", 30_000),
    alignmentConcurrency: int(env, "ALIGNMENT_CONCURRENCY", 2),
    poolSize: int(env, "DB_POOL_SIZE", 10),
    workers: Math.max(1, int(env, "WORKERS", 1)),
    maxQueryDepth: int(env, "MAX_QUERY_DEPTH", 12),
    maxQueryCost: int(env, "MAX_QUERY_COST", 250_000),
    compileAfter: int(env, "COMPILE_AFTER", 2),
    seedOnStart: bool(env, "SEED_ON_START", true),
    seedDir: path.resolve(env.SEED_DIR || path.join(root, "seeds", "minusma")),
    shutdownGraceMs: int(env, "SHUTDOWN_GRACE_MS", 10_000),
  };
}
