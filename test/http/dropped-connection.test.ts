/**
 * A database connection that drops while idle in the pool must not crash the
 * process: pg emits 'error' on the pool, the data source's handler logs it,
 * and the next request opens a new connection.
 */
import net from "node:net";
import { Client } from "pg";
import { createDataSource } from "../../src/db/data-source";
import { until } from "../support/wait";
import { TestServer, startTestServer } from "./harness";

/** A TCP relay to the test database whose connections the test can cut. */
async function startRelay(target: URL): Promise<{ url: string; connections(): number; cutAll(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const relayed = new URL(target.href);
  relayed.hostname = "127.0.0.1";
  relayed.port = String((server.address() as net.AddressInfo).port);
  return {
    url: relayed.href,
    connections: () => sockets.size / 2,
    cutAll: () => sockets.forEach((s) => s.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);
const COUNT = `{ stakeholders(first: 1) { totalCount } }`;

describe("a dropped database connection", () => {
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let srv: TestServer;
  const poolErrors: Error[] = [];

  beforeAll(async () => {
    relay = await startRelay(new URL(process.env.DATABASE_URL!));
    const dataSource = createDataSource({
      url: relay.url,
      poolSize: 1,
      statementTimeoutMs: 30_000,
      onPoolError: (err) => poolErrors.push(err),
    });
    srv = await startTestServer({ dataSource });
  });
  afterAll(async () => {
    await srv?.close();
    if (srv?.dataSource.isInitialized) await srv.dataSource.destroy();
    await relay?.close();
  });

  it("is reported to the pool's error handler, and the next request reconnects", async () => {
    expect((await srv.gql(COUNT)).body.errors).toBeUndefined();
    await until(() => relay.connections() === 1, "the pooled connection");

    relay.cutAll();
    await until(() => poolErrors.length > 0, "the pool error");
    expect(poolErrors[0].message).toMatch(/terminated|closed|ECONNRESET|EPIPE/i);

    // Still alive, and serving from a fresh connection.
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
    const again = await srv.gql(COUNT);
    expect(again.status).toBe(200);
    expect(again.body.errors).toBeUndefined();
    expect((await fetch(`${srv.url}/readyz`)).status).toBe(200);
  });

  // On the embedded PGlite every client shares one Postgres session, so
  // pg_terminate_backend would end the session of the whole test run.
  (embedded ? it.skip : it)(
    "survives pg_terminate_backend on its idle connection (real Postgres only; skipped on embedded PGlite)",
    async () => {
      const [{ pid }] = await srv.dataSource.query(`SELECT pg_backend_pid() AS pid`);
      const before = poolErrors.length;
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      try {
        await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
      } finally {
        await admin.end();
      }
      await until(() => poolErrors.length > before, "the pool error");
      const res = await srv.gql(COUNT);
      expect(res.body.errors).toBeUndefined();
      const [{ pid: next }] = await srv.dataSource.query(`SELECT pg_backend_pid() AS pid`);
      expect(next).not.toBe(pid);
    },
  );
});
