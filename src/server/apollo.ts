/** The Apollo Server instance, shared by the HTTP app and the tests. */
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { GraphQLFormattedError } from "graphql";
import { Config } from "../config";
import { ErrorCode, PUBLIC_CODES } from "../errors";
import { Context } from "./context";
import { queryLimits } from "./limits";
import { Logger } from "./logger";
import { getSchema } from "./schema";

/** Hides anything that is not a client error; logs it with the request id. */
export function formatError(logger: Logger): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
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

export function createApollo(
  config: Pick<Config, "maxQueryDepth" | "maxQueryCost">,
  logger: Logger,
  plugins: ApolloServerPlugin<Context>[] = [],
): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: getSchema(),
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(logger),
    validationRules: queryLimits(config),
    plugins: [ApolloServerPluginLandingPageDisabled(), ...plugins],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
}
