/**
 * The HTTP server: Express 5 with Apollo Server on /graphql, the offline
 * playground on GET /graphql and /, health probes, and the limits that keep a
 * public endpoint safe (body size, query depth and cost, CSRF, CORS).
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import { DataSource } from "typeorm";
import { Config } from "../config";
import { ErrorCode } from "../errors";
import { QueryStats } from "../db/query-counter";
import { Context, contextFor } from "./context";
import { createApollo } from "./apollo";
import { Logger } from "./logger";
import { playgroundHtml } from "./playground";

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

interface RequestLocals {
  requestId: string;
  stats: QueryStats;
}

/** Reports the request's SQL statement count in a response header (for benchmarks and debugging). */
function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const stats = (contextValue as Context & { stats?: QueryStats }).stats;
          if (stats) response.http.headers.set("x-sql-statements", String(stats.statements));
        },
      };
    },
  };
}

export async function createApp({ config, dataSource, logger }: AppOptions): Promise<App> {
  const app = express();
  const server = http.createServer(app);
  const draining = { value: false };
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  const apollo = createApollo(config, logger, [
    ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: config.shutdownGraceMs }),
    statementCountPlugin(),
  ]);
  await apollo.start();

  app.use((req, res, next) => {
    const incoming = req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    const locals: RequestLocals = { requestId, stats: { statements: 0 } };
    res.locals.sg = locals;
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.originalUrl.split("?")[0],
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          sqlStatements: locals.stats.statements,
        },
        "request",
      );
    });
    next();
  });

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    if (draining.value) {
      res.status(503).json({ status: "draining" });
      return;
    }
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ready" });
    } catch (err) {
      logger.warn({ err }, "readiness check failed");
      res.status(503).json({ status: "database unavailable" });
    }
  });

  const corsOptions: cors.CorsOptions = {
    origin: config.corsOrigins.includes("*") ? true : config.corsOrigins,
    allowedHeaders: ["content-type", "authorization", "x-request-id", "apollo-require-preflight"],
    exposedHeaders: ["x-request-id", "x-sql-statements"],
    maxAge: 600,
  };

  const page = playgroundHtml();
  const servePlayground: express.RequestHandler = (req, res, next) => {
    // A browser asking for HTML gets the playground, even with ?query=… (the
    // playground keeps the current operation in the URL, so a reload or a
    // shared link carries it); GET queries from API clients still work.
    if (req.method !== "GET") return next();
    const wantsPage = req.query.query ? req.accepts(["json", "html"]) === "html" : req.accepts(["html", "json"]) === "html";
    if (wantsPage) {
      res.type("html").send(page);
      return;
    }
    next();
  };
  app.get("/", (_req, res) => res.redirect("/graphql"));

  app.use(
    "/graphql",
    cors(corsOptions),
    servePlayground,
    express.json({ limit: config.bodyLimitBytes }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const locals = res.locals.sg as RequestLocals;
        // Every statement issued while serving this request is counted in its stats.
        const ctx = contextFor(dataSource, locals.stats, req.header("authorization"), locals.requestId);
        return Object.assign(ctx, { stats: locals.stats });
      },
    }),
  );

  // Errors before Apollo (an oversized or malformed body) get the same coded shape.
  app.use((err: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (err.type === "entity.parse.failed") {
      // The parser's own message would echo fragments of the body back.
      res.status(400).json({ errors: [{ message: "The request body is not valid JSON", extensions: { code: ErrorCode.BAD_REQUEST } }] });
      return;
    }
    if (err.type === "entity.too.large") {
      res.status(413).json({
        errors: [{ message: `Request body is larger than ${config.bodyLimitBytes} bytes`, extensions: { code: ErrorCode.BAD_REQUEST } }],
      });
      return;
    }
    if (err.status && err.status < 500) {
      res.status(err.status).json({ errors: [{ message: err.message ?? "Bad request", extensions: { code: ErrorCode.BAD_REQUEST } }] });
      return;
    }
    logger.error({ err }, "unhandled error");
    res.status(500).json({ errors: [{ message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
  });

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
