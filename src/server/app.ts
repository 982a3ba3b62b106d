/**
 * The HTTP server: Apollo Server on /graphql, the offline playground on
 * GET /graphql and /, health probes, and the limits that keep a public
 * endpoint safe (body size, query depth and cost, CSRF, CORS).
 *
 * It is Node's own `http` server with a few routes, not Express: Express's
 * router, response helpers (ETags) and body parser made a small request cost
 * a third more CPU (Q1 of the benchmark: 1 360 req/s through Express, 1 850
 * without, one process).
 */
import http, { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { ApolloServer, ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { DataSource } from "typeorm";
import { Config } from "../config";
import { Gate } from "../common/gate";
import { ErrorCode } from "../errors";
import { QueryStats, statsOf } from "../db/query-counter";
import { AlignmentLimits, Context, contextFor } from "./context";
import { createApollo } from "./apollo";
import { corsPolicy } from "./cors";
import { HttpError, readJsonBody } from "./http-body";
import { Logger } from "./logger";
import { playgroundHtml, wantsPlayground } from "./playground";

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  logger: Logger;
}

export interface App {
  server: http.Server;
  apollo: ApolloServer<Context>;
  /** Set when shutdown starts, so /readyz fails and load balancers stop sending traffic. */
  draining: { value: boolean };
  /**
   * Graceful stop: /readyz fails at once, the server stops accepting
   * connections and closes idle ones, in-flight requests finish (those still
   * running after `config.shutdownGraceMs` have their sockets closed), then
   * Apollo stops. The data source is left open for the caller to close.
   */
  stop(): Promise<void>;
}

/** Reports the request's SQL statement count in a response header (for benchmarks and debugging). */
function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const stats = statsOf(contextValue.manager);
          if (stats) response.http.headers.set("x-sql-statements", String(stats.statements));
        },
      };
    },
  };
}

/** Sends a whole body with its length. */
function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.setHeader("content-length", Buffer.byteLength(body));
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));
}

/** An error answered before GraphQL runs, in the coded shape of GraphQL errors. */
function sendError(res: ServerResponse, status: number, message: string, code: ErrorCode): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** The request's `x-request-id` when it is well formed, else a fresh one. */
function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers["x-request-id"];
  return typeof incoming === "string" && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

export async function createApp({ config, dataSource, logger }: AppOptions): Promise<App> {
  const draining = { value: false };
  const page = playgroundHtml();
  const cors = corsPolicy(config.corsOrigins);
  // One gate for the process: its pool is what the gate spares.
  const alignment: AlignmentLimits = { timeoutMs: config.alignmentTimeoutMs, gate: new Gate(config.alignmentConcurrency) };
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, "unhandled error");
      if (res.headersSent) res.destroy();
      else sendError(res, 500, "Internal server error", ErrorCode.INTERNAL_SERVER_ERROR);
    });
  });
  const apollo = createApollo(config, logger, [
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: config.shutdownGraceMs }),
    statementCountPlugin(),
  ]);
  await apollo.start();

  async function graphql(req: IncomingMessage, res: ServerResponse, search: string, stats: QueryStats, requestId: string) {
    if (cors(req, res)) return;
    if (req.method === "GET" && wantsPlayground(req.headers.accept, new URLSearchParams(search).has("query"))) {
      send(res, 200, "text/html; charset=utf-8", page);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown;
    try {
      body = req.method === "POST" ? await readJsonBody(req, config.bodyLimitBytes) : undefined;
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      sendError(res, err.status, err.message, ErrorCode.BAD_REQUEST);
      return;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search, body },
      // Every statement issued while serving this request is counted in its stats.
      context: async () =>
        contextFor(dataSource, stats, { authorization: req.headers.authorization, requestId, alignment }),
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.setHeader("content-length", Buffer.byteLength(result.body.string));
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = requestIdOf(req);
    const stats: QueryStats = { statements: 0 };
    res.setHeader("x-request-id", requestId);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          sqlStatements: stats.statements,
        },
        "request",
      );
    });

    const read = req.method === "GET" || req.method === "HEAD";
    if (path === "/graphql" || path === "/graphql/") {
      await graphql(req, res, q < 0 ? "" : url.slice(q), stats, requestId);
    } else if (path === "/healthz" && read) {
      sendJson(res, 200, { status: "ok" });
    } else if (path === "/readyz" && read) {
      if (draining.value) return sendJson(res, 503, { status: "draining" });
      try {
        await dataSource.query("SELECT 1");
        sendJson(res, 200, { status: "ready" });
      } catch (err) {
        logger.warn({ err }, "readiness check failed");
        sendJson(res, 503, { status: "database unavailable" });
      }
    } else if (path === "/" && read) {
      res.statusCode = 302;
      res.setHeader("location", "/graphql");
      res.setHeader("content-length", "0");
      res.end();
    } else {
      sendError(res, 404, `Nothing at ${req.method} ${path}: GraphQL is at /graphql`, ErrorCode.NOT_FOUND);
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      draining.value = true;
      // Runs the drain plugin above, then Apollo's own shutdown.
      await apollo.stop();
    })();
    return stopping;
  };

  return { server, apollo, draining, stop };
}
