/** The Apollo Server instance, shared by the HTTP app and the tests. */
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLFormattedError } from "graphql";
import { Config } from "../config";
import { ErrorCode, PUBLIC_CODES } from "../errors";
import { Context } from "./context";
import { compiledExecutionPlugin } from "./compiled-execution";
import { costLimitPlugin, queryLimits, restoreLimitCode } from "./limits";
import { Logger } from "./logger";
import { getSchema } from "./schema";

/** Hides anything that is not a client error; logs it with the request id. */
export function formatError(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (original, error) => {
    const formatted = restoreLimitCode(original, error);
    const code = formatted.extensions?.code;
    if (typeof code === "string" && PUBLIC_CODES.has(code)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: (error as { originalError?: unknown }).originalError ?? error, path: formatted.path }, "internal error");
    return {
      message: "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** `cache-control: no-store` on every response, as Apollo's cache-control plugin sent without cache hints. */
const noStore: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (!response.http.headers.has("cache-control")) response.http.headers.set("cache-control", "no-store");
      },
    };
  },
};

export function createApollo(
  config: Pick<Config, "maxQueryDepth" | "maxQueryCost" | "compileAfter">,
  logger: Logger,
  plugins: ApolloServerPlugin<Context>[] = [],
): ApolloServer<Context> {
  const schema = getSchema();
  const format = formatError(logger);
  return new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT: it drains (app.stop) and then closes the database.
    stopOnTerminationSignals: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: format,
    validationRules: queryLimits(config),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Nothing sets cache hints, and the default cache-control plugin wraps
      // every field resolver to track them: about a fifth of the allocations
      // of a large query. Responses keep the header it would have sent.
      ApolloServerPluginCacheControlDisabled(),
      noStore,
      costLimitPlugin(config),
      // Repeated operations run compiled; with compileAfter 0 Apollo always runs graphql-js.
      ...(config.compileAfter > 0 ? [compiledExecutionPlugin<Context>(schema, { compileAfter: config.compileAfter, formatError: format })] : []),
      ...plugins,
    ],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
}
