/**
 * The embedded Postgres used when no DATABASE_URL is given: PGlite (Postgres
 * compiled to WebAssembly) served over the Postgres wire protocol on a local
 * port, so the app talks to it through the same `pg` driver and TypeORM code
 * as to a real server.
 */
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { freePort } from "../common/net";

export interface EmbeddedPostgres {
  /** Connection string for `pg`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on loopback. `dataDir` keeps the data across restarts; omit it
 * for a throwaway in-memory database (tests).
 *
 * PGlite is one Postgres session: the socket server queues statements from all
 * connections onto it, which is only safe for one client connection at a time
 * (an extended-protocol exchange must not interleave with another), so callers
 * use a pool of one connection.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 4 });
  await server.start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
