/**
 * Graceful shutdown, in process: `app.stop()` is what main.ts runs on
 * SIGTERM/SIGINT before closing the database. A request is kept in flight by
 * sending its body slowly, so no slow resolver is needed.
 */
import http from "node:http";
import { AddressInfo } from "node:net";
import { startTestServer } from "./harness";

interface SlowRequest {
  /** Sends the rest of the body. */
  finish(): void;
  response: Promise<{ status: number; body: string }>;
}

/** Starts a POST whose body is only half sent; resolves once the server has seen the request. */
async function slowRequest(srv: http.Server, query: string): Promise<SlowRequest> {
  const body = JSON.stringify({ query });
  const { port } = srv.address() as AddressInfo;
  const seen = new Promise<void>((resolve) => srv.once("request", () => resolve()));
  const req = http.request({
    host: "127.0.0.1",
    port,
    path: "/graphql",
    method: "POST",
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  // Keep a rejection from surfacing as unhandled before the test awaits it.
  response.catch(() => undefined);
  req.write(body.slice(0, 10));
  await seen;
  return { finish: () => req.end(body.slice(10)), response };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return false;
  } catch {
    return true;
  }
}

describe("graceful shutdown", () => {
  it("marks the app draining, refuses new connections, and lets an in-flight request finish", async () => {
    const srv = await startTestServer({ env: { SHUTDOWN_GRACE_MS: "5000" } });
    try {
      const inFlight = await slowRequest(srv.app.server, "{ __typename }");
      const started = Date.now();
      const stopped = srv.app.stop();
      expect(srv.app.draining.value).toBe(true);

      await new Promise((r) => setTimeout(r, 200));
      expect(await refused(srv.url)).toBe(true);

      inFlight.finish();
      const res = await inFlight.response;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ data: { __typename: "Query" } });
      await stopped;
      // It waited for the request, not for the grace period.
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await srv.close();
    }
  });

  it("does not wait for idle keep-alive connections", async () => {
    const srv = await startTestServer({ env: { SHUTDOWN_GRACE_MS: "5000" } });
    try {
      const agent = new http.Agent({ keepAlive: true });
      const { port } = srv.app.server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) =>
        http.get({ host: "127.0.0.1", port, path: "/healthz", agent }, (res) => res.resume().on("end", resolve)).on("error", reject),
      );
      const started = Date.now();
      await srv.app.stop();
      expect(Date.now() - started).toBeLessThan(1_000);
      agent.destroy();
    } finally {
      await srv.close();
    }
  });

  it("cuts a request still running after the grace period", async () => {
    const srv = await startTestServer({ env: { SHUTDOWN_GRACE_MS: "300" } });
    try {
      const stuck = await slowRequest(srv.app.server, "{ __typename }");
      const started = Date.now();
      await srv.app.stop();
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(2_000);
      await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      await srv.close();
    }
  });
});
