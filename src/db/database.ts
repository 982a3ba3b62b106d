/**
 * Opens the database the configuration names: the given DATABASE_URL, or an
 * embedded PGlite when there is none. Runs pending migrations either way.
 */
import { DataSource } from "typeorm";
import { Config } from "../config";
import { createDataSource } from "./data-source";
import { EmbeddedPostgres, startEmbeddedPostgres } from "./embedded";

export interface Database {
  dataSource: DataSource;
  /** True when the database is the embedded PGlite. */
  embedded: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Where the embedded database keeps its files; undefined keeps it in memory. */
  dataDir?: string;
  onPoolError?: (err: Error) => void;
  onQueryError?: (err: unknown, query: string) => void;
  runMigrations?: boolean;
}

export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "poolSize" | "statementTimeoutMs">,
  opts: OpenOptions = {},
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(opts.dataDir);
    url = embedded.url;
  }
  const dataSource = createDataSource({
    url,
    // PGlite is one session: more than one pooled connection could interleave
    // two clients' protocol messages (see embedded.ts).
    poolSize: embedded ? 1 : config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    onPoolError: opts.onPoolError,
    onQueryError: opts.onQueryError,
  });
  try {
    await dataSource.initialize();
    if (opts.runMigrations !== false) await dataSource.runMigrations({ transaction: "each" });
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    embedded: Boolean(embedded),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
