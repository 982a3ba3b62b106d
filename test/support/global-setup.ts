/**
 * Starts the test database once per run: the embedded PGlite unless
 * DATABASE_URL names a real Postgres, then applies the committed migrations.
 */
import "reflect-metadata";
import { createDataSource } from "../../src/db/data-source";
import { startEmbeddedPostgres } from "../../src/db/embedded";

export default async function globalSetup(): Promise<void> {
  // Every operation of the suite runs compiled (graphql-jit) from its first
  // run, the path a server takes for the queries clients repeat; each query
  // also runs interpreted and must answer alike (test/support/database.ts).
  process.env.COMPILE_AFTER ??= "1";
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres();
    (globalThis as { __embeddedPostgres?: unknown }).__embeddedPostgres = pg;
    process.env.DATABASE_URL = pg.url;
    process.env.STANCEGRAPH_TEST_EMBEDDED = "1";
  }
  const ds = createDataSource({ url: process.env.DATABASE_URL, poolSize: 1, statementTimeoutMs: 30_000 });
  await ds.initialize();
  await ds.runMigrations({ transaction: "each" });
  await ds.destroy();
  // eslint-disable-next-line no-console
  console.log(`\ntests use ${process.env.STANCEGRAPH_TEST_EMBEDDED ? "embedded PGlite" : "DATABASE_URL"}\n`);
}
