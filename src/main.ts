/**
 * Starts Stancegraph: opens the database (embedded PGlite unless DATABASE_URL
 * is set), runs migrations, loads the seed data into an empty database, and
 * serves GraphQL until SIGTERM/SIGINT, then drains and closes everything.
 *
 * With WORKERS=n (n > 1) the first process prepares the database (migrations,
 * seeds) and then runs n server processes on the same port (Node's cluster
 * module): GraphQL execution is CPU-bound JavaScript, one event loop per core.
 */
import "reflect-metadata";
import cluster from "node:cluster";
import { Config, loadConfig } from "./config";
import { openDatabase } from "./db/database";
import { loadSeeds, seedsNeeded } from "./db/seed/seed-loader";
import { createApp } from "./server/app";
import { Logger, createLogger } from "./server/logger";

/**
 * Opens the database. With `prepare` (a single server, or the cluster's
 * primary) it applies the migrations and loads the seeds into an empty
 * database; workers find it prepared by the primary before it forked them.
 */
async function openForServing(config: Config, logger: Logger, prepare: boolean) {
  const db = await openDatabase(config, {
    dataDir: config.dataDir,
    runMigrations: prepare,
    onPoolError: (err) => logger.error({ err }, "database connection lost; the pool will reconnect"),
  });
  if (!prepare) return db;
  logger.info({ embedded: db.embedded, dataDir: db.embedded ? config.dataDir : undefined }, "database ready");
  if (config.seedOnStart && (await seedsNeeded(db.dataSource))) {
    const report = await loadSeeds(db.dataSource, config.seedDir);
    logger.info({ seedDir: config.seedDir, ...report }, "seed data loaded");
  }
  return db;
}

/** Serves GraphQL in this process until SIGTERM/SIGINT. */
async function serve(config: Config, logger: Logger): Promise<void> {
  const db = await openForServing(config, logger, !cluster.isWorker);

  const app = await createApp({ config, dataSource: db.dataSource, logger });
  const { server } = app;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info(
    { url: `http://localhost:${config.port}/graphql`, ...(cluster.isWorker ? { worker: cluster.worker!.id } : {}) },
    "Stancegraph is serving GraphQL",
  );

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

/**
 * The cluster's primary: prepares the database, forks the workers, replaces
 * a worker that dies while serving, and on SIGTERM/SIGINT passes the signal
 * on and exits when every worker has drained.
 */
async function runPrimary(config: Config, logger: Logger): Promise<void> {
  if (!config.databaseUrl) {
    throw new Error("WORKERS > 1 needs DATABASE_URL: the embedded database serves one connection at a time");
  }
  const db = await openForServing(config, logger, true);
  await db.close();

  let stopping = false;
  const listened = new Set<number>();
  const stopAll = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = exitCode;
    logger.info({ signal }, "shutting down the workers");
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit();
    for (const w of workers) w?.process.kill(signal);
    // Each worker bounds its own drain; this only guards against a hang.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 10_000).unref();
  };

  cluster.on("listening", (worker) => listened.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
      return;
    }
    // A worker that never listened failed to start (bad config, database
    // unreachable): starting it again would fail the same way.
    if (!listened.has(worker.id)) {
      logger.error({ worker: worker.id, code, signal }, "a worker failed to start; stopping");
      stopAll("SIGTERM", 1);
      return;
    }
    logger.error({ worker: worker.id, code, signal }, "a worker died; starting another");
    cluster.fork();
  });
  process.on("SIGTERM", () => stopAll("SIGTERM"));
  process.on("SIGINT", () => stopAll("SIGINT"));
  for (let i = 0; i < config.workers; i++) cluster.fork();
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, logger);
  return serve(config, logger);
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
