/**
 * Validation rules that refuse too deep, too costly or too wide operations
 * before anything runs (and so before any SQL), with `QUERY_TOO_COMPLEX`.
 *
 * They are validation rules rather than a plugin that sees the variables
 * because Apollo validates a document once and caches it by its text: a rule
 * cannot depend on variables, so a `first` given by a variable is priced at the
 * most it may be (MAX_PAGE_SIZE). Literal `first` values are priced exactly.
 * Keeping every limit here also means `executeOperation` (tests, scripts)
 * enforces the same limits as HTTP.
 */
import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLFormattedError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SchemaMetaFieldDef,
  SelectionSetNode,
  TypeMetaFieldDef,
  ValidationRule,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  typeFromAST,
} from "graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../common/connection";
import { ApolloServerPlugin } from "@apollo/server";
import { Config } from "../config";
import { Context } from "./context";
import { ErrorCode } from "../errors";

/** Most field selections (aliases included, fragments expanded) one operation may make. */
export const MAX_FIELD_SELECTIONS = 1000;

/** Rows assumed for a list field that has no `first` argument, or leaves it out. */
export const DEFAULT_LIST_SIZE = DEFAULT_PAGE_SIZE;

/**
 * What an operation measures. Introspection (`__schema`, `__type`) is left out
 * of depth and cost: GraphiQL's own introspection query is 15 deep and lists
 * every type. Its cyclic `fields { type { fields … } } }` amplification is
 * refused by graphql-js's MaxIntrospectionDepthRule, one of the standard
 * rules Apollo runs; its selections still count towards MAX_FIELD_SELECTIONS.
 */
export interface OperationMeasure {
  /** Deepest field, the root fields being at depth 1. */
  depth: number;
  /** Estimated leaf values returned: scalars cost 1, multiplied down the lists above them. */
  cost: number;
  /** Field selections, aliases included, each fragment counted where it is spread. */
  fields: number;
}

type Limits = Pick<Config, "maxQueryDepth" | "maxQueryCost">;
type Variables = Record<string, unknown>;

const ZERO: OperationMeasure = { depth: 0, cost: 0, fields: 0 };

interface Scope {
  /** Rows per list child when this selection set belongs to a connection (edges, nodes). */
  pageSize: number | undefined;
  /** Inside `__schema` or `__type`. */
  introspection: boolean;
}

function sibling(a: OperationMeasure, b: OperationMeasure): OperationMeasure {
  return {
    depth: Math.max(a.depth, b.depth),
    cost: a.cost + b.cost,
    fields: a.fields + b.fields,
  };
}

/** The `first` a field is asked for; a variable may hold anything up to the cap. */
function firstArgument(node: FieldNode, variables: Variables | undefined): number | undefined {
  const arg = node.arguments?.find((a) => a.name.value === "first");
  if (!arg) return undefined;
  if (arg.value.kind === Kind.VARIABLE) {
    // Without the request's variables (validation), price it at the most it may be.
    const value = variables?.[arg.value.name.value];
    if (variables === undefined) return MAX_PAGE_SIZE;
    return typeof value === "number" && Number.isFinite(value) ? Math.max(0, value) : undefined;
  }
  if (arg.value.kind === Kind.INT) return Math.max(0, Number.parseInt(arg.value.value, 10));
  return undefined;
}

function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

class Measurer {
  private readonly memo = new Map<string, OperationMeasure>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragment: (name: string) => FragmentDefinitionNode | undefined | null,
    private readonly variables: Variables | undefined,
  ) {}

  selectionSet(set: SelectionSetNode, parent: GraphQLCompositeType, scope: Scope): OperationMeasure {
    let total = ZERO;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total = sibling(total, this.field(sel, parent, scope));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? typeFromAST(this.schema, sel.typeCondition) : parent;
        const on = isCompositeType(type) ? type : parent;
        total = sibling(total, this.selectionSet(sel.selectionSet, on, scope));
      } else {
        total = sibling(total, this.spread(sel.name.value, parent, scope));
      }
    }
    return total;
  }

  private spread(name: string, parent: GraphQLCompositeType, scope: Scope): OperationMeasure {
    const def = this.fragment(name);
    // Unknown fragments and cycles are reported by the standard rules.
    if (!def || this.visiting.has(name)) return ZERO;
    // A fragment's measure depends only on where it is spread, so each one
    // is walked once per scope: no blow-up from fragments spread many times.
    const key = `${name}|${scope.pageSize ?? ""}|${scope.introspection ? 1 : 0}`;
    const known = this.memo.get(key);
    if (known) return known;
    const type = typeFromAST(this.schema, def.typeCondition);
    this.visiting.add(name);
    const measure = this.selectionSet(def.selectionSet, isCompositeType(type) ? type : parent, scope);
    this.visiting.delete(name);
    this.memo.set(key, measure);
    return measure;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, scope: Scope): OperationMeasure {
    const name = node.name.value;
    const introspection = scope.introspection || name === "__schema" || name === "__type";
    const leaf: OperationMeasure = { depth: introspection ? 0 : 1, cost: introspection ? 0 : 1, fields: 1 };
    const def = fieldDefinition(this.schema, parent, name);
    if (!def || !node.selectionSet) return leaf;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return leaf;

    const isList = isListType(getNullableType(def.type));
    const first = def.args.some((a) => a.name === "first") ? firstArgument(node, this.variables) ?? DEFAULT_LIST_SIZE : undefined;
    // A connection (an object with `first`) multiplies its lists, not its pageInfo.
    const connectionPage = !isList && first !== undefined ? first : undefined;
    const rows = isList ? first ?? scope.pageSize ?? DEFAULT_LIST_SIZE : 1;
    const child = this.selectionSet(node.selectionSet, named, { pageSize: connectionPage, introspection });

    return {
      depth: introspection ? 0 : 1 + child.depth,
      cost: introspection ? 0 : Math.min(rows * child.cost, Number.MAX_SAFE_INTEGER),
      fields: 1 + child.fields,
    };
  }
}

/**
 * Measures one operation of a document (fragments are looked up by name).
 * With `variables`, a `first: $n` is priced at the value sent; without them
 * (validation time), at the most it may be.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined | null,
  variables?: Variables,
): OperationMeasure {
  const root = schema.getRootType(operation.operation);
  if (!root) return ZERO;
  return new Measurer(schema, fragment, variables).selectionSet(operation.selectionSet, root, {
    pageSize: undefined,
    introspection: false,
  });
}

const MESSAGES: Record<keyof OperationMeasure, (value: number, max: number) => string> = {
  depth: (v, max) => `has depth ${v}; the limit is ${max}.`,
  cost: (v, max) =>
    `has an estimated cost of ${v}; the limit is ${max}. Ask for fewer rows with \`first\` or split the query.`,
  fields: (v, max) => `makes ${v} field selections (aliases and fragment spreads included); the limit is ${max}.`,
};

function tooComplex(
  operation: OperationDefinitionNode,
  measure: keyof OperationMeasure,
  value: number,
  max: number,
  http = false,
): GraphQLError {
  const op = operation.name ? `Operation "${operation.name.value}"` : "The operation";
  return new GraphQLError(`${op} ${MESSAGES[measure](value, max)}`, {
    nodes: [operation],
    extensions: {
      code: ErrorCode.QUERY_TOO_COMPLEX,
      measure,
      value,
      max,
      ...(http ? { http: { status: 400 } } : {}),
    },
  });
}

/**
 * Rules Apollo runs alongside the standard validation rules: depth and field
 * selections, which do not depend on variables. Cost does, so it is checked by
 * `costLimitPlugin` once the variables are known.
 */
export function queryLimits(config: Limits): ValidationRule[] {
  const max = { depth: config.maxQueryDepth, fields: MAX_FIELD_SELECTIONS };
  const rule: ValidationRule = (context) => ({
    OperationDefinition(operation) {
      const m = measureOperation(context.getSchema(), operation, (name) => context.getFragment(name));
      for (const measure of Object.keys(max) as (keyof typeof max)[]) {
        if (m[measure] > max[measure]) context.reportError(tooComplex(operation, measure, m[measure], max[measure]));
      }
      // Nothing below an operation needs visiting: the measure walked it.
      return false;
    },
  });
  return [rule];
}

/**
 * Refuses an operation whose estimated cost, with the request's variables,
 * is above the limit — before any resolver runs. A plugin rather than a
 * validation rule because Apollo caches validation per document, so a rule
 * could not price `first: $n` by the value sent.
 */
export function costLimitPlugin(config: Pick<Config, "maxQueryCost">): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of document.definitions) {
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          }
          const { cost } = measureOperation(schema, operation, (n) => fragments.get(n), request.variables ?? {});
          if (cost > config.maxQueryCost) throw tooComplex(operation, "cost", cost, config.maxQueryCost, true);
        },
      };
    },
  };
}

/**
 * Apollo re-codes every validation error as GRAPHQL_VALIDATION_FAILED; this
 * gives a limit error its own code back (used by `formatError`).
 */
export function restoreLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (original instanceof GraphQLError && original.extensions.code === ErrorCode.QUERY_TOO_COMPLEX) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } };
  }
  return formatted;
}
