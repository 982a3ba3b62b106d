/**
 * Starts Stancegraph: opens the database (embedded PGlite unless DATABASE_URL
 * is set), runs migrations, loads the seed data into an empty database, and
 * serves GraphQL until SIGTERM/SIGINT, then drains and closes everything.
 */
import "reflect-metadata";
import { loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { loadSeeds, seedsNeeded } from "./db/seed/seed-loader";
import { createApp } from "./server/app";
import { createLogger } from "./server/logger";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, {
    dataDir: config.dataDir,
    onPoolError: (err) => logger.error({ err }, "database connection lost; the pool will reconnect"),
  });
  logger.info({ embedded: db.embedded, dataDir: db.embedded ? config.dataDir : undefined }, "database ready");

  if (config.seedOnStart && (await seedsNeeded(db.dataSource))) {
    const report = await loadSeeds(db.dataSource, config.seedDir);
    logger.info({ seedDir: config.seedDir, ...report }, "seed data loaded");
  }

  const app = await createApp({ config, dataSource: db.dataSource, logger });
  const { server } = app;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info({ url: `http://localhost:${config.port}/graphql` }, "Stancegraph is serving GraphQL");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining requests");
    // app.stop() cuts requests still running after the grace period; this
    // only guards against a hang after that (e.g. closing the database).
    const force = setTimeout(() => {
      logger.error("graceful shutdown timed out; exiting");
      process.exit(1);
    }, config.shutdownGraceMs + 5_000);
    force.unref();
    try {
      await app.stop();
      await db.close();
      logger.info("stopped");
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "error during shutdown");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
