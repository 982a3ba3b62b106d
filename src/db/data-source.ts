/**
 * The TypeORM data source: entities, committed migrations, and a logger that
 * counts statements per request. `synchronize` is never on: the schema comes
 * only from migrations.
 */
import { DataSource, Logger, QueryRunner } from "typeorm";
import { types } from "pg";
import { SnakeNamingStrategy } from "../common/naming";
import { ENTITIES } from "./entities";
import { MIGRATIONS } from "./migrations";
import { recordRunnerQuery } from "./query-counter";
import { parseTimestamptz } from "./timestamp";

// Calendar dates stay strings ("2023-06-30"): turning them into JS Dates
// would shift them by the server's time zone.
types.setTypeParser(1082, (v) => v);
const TIMESTAMPTZ = 1184;
const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ);
types.setTypeParser(TIMESTAMPTZ, (v) => parseTimestamptz(v, defaultTimestamptz));

/**
 * Session settings of every pooled connection: no JIT compilation. The
 * analyses' CTEs hide their sizes from the planner, whose inflated cost
 * estimates then trigger JIT with full optimisation: 1.2 s of compiling for a
 * 2 s alignment on the L data. Reads on the request path are short and never
 * gain from it. (The benchmark's SQL twins use the same settings.)
 */
export const SESSION_OPTIONS = "-c jit=off";

/**
 * The connection string and the session options to open a connection with.
 * pg lets a connection string's own `options` parameter replace the options
 * it is given, so a DATABASE_URL ending in `?options=-c%20…` would silently
 * drop SESSION_OPTIONS. The URL's options move after ours instead: a later
 * `-c` wins, so a setting the URL names explicitly still applies.
 */
export function sessionConnection(url: string): { connectionString: string; options: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL (pg also takes "host=… dbname=…"): left to pg as it is.
    return { connectionString: url, options: SESSION_OPTIONS };
  }
  const own = parsed.searchParams.get("options");
  if (own === null) return { connectionString: url, options: SESSION_OPTIONS };
  parsed.searchParams.delete("options");
  return { connectionString: parsed.toString(), options: `${SESSION_OPTIONS} ${own}` };
}

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  /** Called when an idle pooled connection fails (e.g. the server restarts). */
  onPoolError?: (err: Error) => void;
  /** Logs each failed statement. */
  onQueryError?: (err: unknown, query: string) => void;
}

class StatementLogger implements Logger {
  constructor(private readonly onQueryError?: (err: unknown, query: string) => void) {}
  logQuery(_query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    recordRunnerQuery(runner);
  }
  logQueryError(error: string | Error, query: string): void {
    this.onQueryError?.(error, query);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export function createDataSource(opts: DataSourceOptions): DataSource {
  const { connectionString, options } = sessionConnection(opts.url);
  return new DataSource({
    type: "postgres",
    url: connectionString,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    synchronize: false,
    uuidExtension: "pgcrypto",
    namingStrategy: new SnakeNamingStrategy(),
    logger: new StatementLogger(opts.onQueryError),
    logging: ["query", "error"],
    parseInt8: true,
    poolSize: opts.poolSize,
    // A dropped connection must not crash the process; pg emits 'error' on
    // the pool for idle clients and TypeORM forwards it here.
    poolErrorHandler: (err: Error) => opts.onPoolError?.(err),
    extra: {
      statement_timeout: opts.statementTimeoutMs,
      options,
      connectionTimeoutMillis: 10_000,
    },
  });
}
