/**
 * Runs operations that clients repeat as JavaScript compiled for them
 * (graphql-jit), instead of graphql-js's interpreter.
 *
 * Why: graphql-js walks the selection set anew for every object it returns,
 * and for every field it builds an arguments object (a dictionary, even when
 * the field takes none), a path entry and a promise wrapper. On Q3 of the
 * benchmark (about 5 000 objects) that is 22 MB allocated per request and
 * half of its CPU, of which the garbage collector takes a third under load.
 * graphql-jit turns one operation into straight-line code with its
 * arguments, coercion and null checks worked out once: the same answer
 * for about 40% of the CPU (bench/README.md).
 *
 * Compiling costs more than running a small query once (1–2 ms; 15–35 ms for
 * the introspection query), so an operation is compiled only once its
 * document has run `compileAfter − 1` times. One-off queries, such as an
 * analyst's script that writes its values into the query text, stay
 * interpreted.
 *
 * It is an Apollo plugin that answers `responseForOperation`, after parsing,
 * validation and the limits (limits.ts) have run, and before Apollo would
 * execute. Returning nothing lets Apollo run graphql-js as usual. (Apollo's
 * other way in, a gateway, wraps every request in a context object of its
 * own; with it, each request's objects outlived young-generation
 * collections and Q1's collection pauses tripled, even for operations left
 * interpreted. Calling the same executor without that wrapper did not.)
 * Errors are formatted here as Apollo formats
 * those of its own execution: the same `formatError`, a default code, and a
 * client's bad variable answered 400 BAD_USER_INPUT.
 */
import { ApolloServerPlugin, BaseContext, GraphQLRequestListener, GraphQLResponse, HeaderMap } from "@apollo/server";
import { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";
import { ErrorCode } from "../errors";

/** graphql-jit's compiler, or a stand-in (tests count or fail compilations). */
export type Compile = typeof compileQuery;

/** Apollo's `formatError` option. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface CompiledExecutionOptions {
  /** Compile an operation the time its document has run this often (1: at once). */
  compileAfter: number;
  /** The server's `formatError`, applied to every error as Apollo would. */
  formatError: FormatError;
  compile?: Compile;
}

/** What is known of one operation of one document. */
interface Plan {
  /** Runs so far (counted up to the threshold only). */
  runs: number;
  /** The compiled operation; null when compiling failed (it then stays interpreted). */
  compiled?: CompiledQuery | null;
}

/** An error as Apollo hands it to `formatError`: its JSON, with a code. */
function enriched(error: GraphQLError): GraphQLFormattedError {
  return { ...error.toJSON(), extensions: { ...error.extensions, code: error.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** A variable's coercion error as Apollo reports it: the client's fault. */
function badUserInput(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT },
  });
}

/**
 * A plugin that executes an operation compiled, on `schema`, from the
 * `compileAfter`-th time its document runs. Documents come from Apollo's
 * document cache, which hands the same object to every request with the
 * same query text; plans are kept as long as it keeps the document.
 */
export function compiledExecutionPlugin<TContext extends BaseContext>(
  schema: GraphQLSchema,
  { compileAfter, formatError, compile = compileQuery }: CompiledExecutionOptions,
): ApolloServerPlugin<TContext> {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  function compiledFor(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null {
    let byName = plans.get(document);
    if (!byName) {
      byName = new Map();
      plans.set(document, byName);
    }
    const key = operationName ?? "";
    let plan = byName.get(key);
    if (!plan) {
      plan = { runs: 0 };
      byName.set(key, plan);
    }
    if (plan.compiled !== undefined) return plan.compiled;
    if (++plan.runs < compileAfter) return null;
    let compiled: CompiledQuery | null = null;
    try {
      const result = compile(schema, document, operationName ?? undefined);
      if (isCompiledQuery(result)) compiled = result;
    } catch {
      // An operation graphql-jit cannot compile runs interpreted, as before.
    }
    plan.compiled = compiled;
    return compiled;
  }

  function response(errors: readonly GraphQLError[] | undefined, data: unknown, status?: number): GraphQLResponse {
    return {
      http: { status, headers: new HeaderMap() },
      body: {
        kind: "single",
        singleResult: {
          ...(errors?.length ? { errors: errors.map((e) => formatError(enriched(e), e)) } : {}),
          ...(data === undefined ? {} : { data: data as Record<string, unknown> | null }),
        },
      },
    };
  }

  // One listener serves every request: it keeps nothing between calls.
  const listener: GraphQLRequestListener<TContext> = {
    async responseForOperation({ document, operation, operationName, request, contextValue }) {
      const compiled = compiledFor(document, operationName);
      if (!compiled) return null;
      const variables = request.variables ?? {};
      // graphql-jit coerces variables too, but says less about a bad one;
      // graphql-js's coercion gives the message and node Apollo would.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
      if (coerced.errors) return response(coerced.errors.map(badUserInput), undefined, 400);
      const result = await compiled.query(undefined, contextValue, variables);
      return response(result.errors, result.data);
    },
  };

  return {
    async requestDidStart() {
      return listener;
    },
  };
}
