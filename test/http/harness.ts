/**
 * Starts the real HTTP app on a free port for tests that speak HTTP. Each
 * app gets its own data source (not the per-test transactions of
 * test/support/database.ts, which would hold the only PGlite connection), so
 * whatever a test commits it must clean up itself.
 */
import "reflect-metadata";
import { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { DataSource } from "typeorm";
import { Config, loadConfig } from "../../src/config";
import { App, createApp } from "../../src/server/app";
import { openTestDataSource } from "../support/database";

export interface TestServer {
  app: App;
  dataSource: DataSource;
  config: Config;
  /** e.g. http://127.0.0.1:43123 */
  url: string;
  /** Log lines the app wrote (JSON objects). */
  logs: Record<string, any>[];
  /** POSTs a GraphQL operation as JSON. */
  gql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Environment overrides read by loadConfig (e.g. CORS_ORIGINS). */
  env?: Record<string, string>;
  /** A data source to serve from; one is opened (and closed with the server) when absent. */
  dataSource?: DataSource;
}

export async function startTestServer(opts: StartOptions = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: "info", ...opts.env });
  const logs: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  const ownDataSource = !opts.dataSource;
  const dataSource = opts.dataSource ?? openTestDataSource();
  if (!dataSource.isInitialized) await dataSource.initialize();
  const app = await createApp({ config, dataSource, logger });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  return {
    app,
    dataSource,
    config,
    url,
    logs,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    async close() {
      await app.stop();
      if (ownDataSource && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
