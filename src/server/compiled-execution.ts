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
 * Apollo Server 5 accepts another executor only through its gateway
 * interface, so this module presents itself as a gateway that serves one
 * fixed schema. Everything else in Apollo's request pipeline (parsing,
 * validation, the limits, plugins, error formatting) is unchanged.
 */
import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, execute, printSchema } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

/** What is known of one operation of one document. */
interface Plan {
  /** Runs so far (counted up to the threshold only). */
  runs: number;
  /** The compiled operation; null when compiling failed (it then stays interpreted). */
  compiled?: CompiledQuery | null;
}

/** graphql-jit's compiler, or a stand-in (tests count or fail compilations). */
export type Compile = typeof compileQuery;

/**
 * An Apollo gateway that executes on `schema`, compiling an operation the
 * `compileAfter`-th time its document runs (1: at once). Documents come from
 * Apollo's document cache, which hands the same object to every request with
 * the same query text; plans are kept as long as it keeps the document.
 */
export function compilingGateway(schema: GraphQLSchema, compileAfter: number, compile: Compile = compileQuery): GatewayInterface {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  function planFor(document: DocumentNode, operationName: string | null | undefined): Plan {
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
    return plan;
  }

  function compiledFor(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null {
    const plan = planFor(document, operationName);
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

  const executor: GatewayExecutor = async (request) => {
    const { document, operation, operationName, context } = request;
    const variables = request.request.variables ?? {};
    const compiled = compiledFor(document, operationName);
    if (!compiled) {
      return execute({ schema, document, operationName, contextValue: context, variableValues: variables });
    }
    // graphql-jit coerces variables too, but its errors lack the variable's
    // node, by which Apollo tells a client's bad input (400, BAD_USER_INPUT)
    // from a server fault. graphql-js's own coercion says it exactly.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    return (await compiled.query(undefined, context, variables)) as ExecutionResult & { errors?: GraphQLError[] };
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      // Apollo validates against this schema; the SDL is only used to report to Apollo's cloud, which is off.
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async stop() {},
  };
}
