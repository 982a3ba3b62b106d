/**
 * Calls resolver methods directly instead of through type-graphql's wrapper.
 *
 * For every call, type-graphql's wrapper sorts the method's parameter list,
 * copies the arguments into instances of their @ArgsType/@InputType classes
 * (a linear search of its metadata per call) and validates each through an
 * async function, so a field with an argument answers with a promise even
 * when its value is at hand: three promises and several objects per call. A
 * nested query calls field resolvers once per row: for `Event.positions` in
 * a deep query that is a thousand times a request.
 *
 * None of that is used here: no middleware or @Authorized is declared
 * (checked in schema.ts), inputs are validated by the services
 * (`validate: false`), and our argument and input classes are plain shapes
 * (no methods, getters or initializers; their defaults are in the schema,
 * where graphql-js applies them). So each field whose parameters are all of
 * the kinds below gets a function that reads them from graphql-js's
 * arguments and calls the method, with the same `this` and the same result.
 * Any other field keeps type-graphql's resolver.
 */
import { GraphQLField, GraphQLObjectType, GraphQLSchema, GraphQLTypeResolver, isAbstractType, isObjectType } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Resolve = NonNullable<GraphQLField<unknown, unknown>["resolve"]>;
type ReadParam = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/** The parts of type-graphql's parameter metadata read here (its types are not exported). */
interface ParamMetadata {
  kind: string;
  index: number;
  name?: string;
  propertyName?: string;
  getType?: unknown;
  resolver?: (data: { root: unknown; args: unknown; context: unknown; info: unknown }) => unknown;
  options?: { arg?: unknown };
}

/** A @Query, @Mutation or @FieldResolver method, as type-graphql's metadata describes it once built. */
interface HandlerMetadata {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  target: Function;
  methodName: string;
  schemaName: string;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
  kind?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  getObjectType?: () => Function;
}

const direct = new WeakSet<Resolve>();
const directTypeResolvers = new WeakSet<GraphQLTypeResolver<unknown, unknown>>();

/** True when the field's resolver is one of ours (for tests and diagnostics). */
export function isCalledDirectly(field: GraphQLField<unknown, unknown>): boolean {
  return field.resolve !== undefined && direct.has(field.resolve);
}

/** The argument names an @ArgsType class declares, with those of the classes it extends. */
type ArgsFieldNames = (argsClass: unknown) => string[] | undefined;

/** How to read one parameter from graphql-js's resolver arguments; undefined when only type-graphql can. */
function paramReader(p: ParamMetadata, argsFieldNames: ArgsFieldNames): ReadParam | undefined {
  switch (p.kind) {
    case "args": {
      // Only the class's own fields: the field's other arguments are separate @Arg parameters.
      const names = typeof p.getType === "function" ? argsFieldNames(p.getType()) : undefined;
      if (!names) return undefined;
      return (_root, args) => {
        const values: Record<string, unknown> = {};
        for (const name of names) if (args[name] !== undefined) values[name] = args[name];
        return values;
      };
    }
    case "arg": {
      const name = p.name!;
      return (_root, args) => args[name];
    }
    case "context": {
      const key = p.propertyName;
      return key ? (_r, _a, context) => (context as Record<string, unknown>)[key] : (_r, _a, context) => context;
    }
    case "info":
      return (_r, _a, _c, info) => info;
    case "root": {
      // A typed @Root() is converted to its class; @Parent() (common/parent.ts) is not.
      if (p.getType) return undefined;
      const key = p.propertyName;
      return key ? (root) => (root as Record<string, unknown>)[key] : (root) => root;
    }
    case "custom": {
      const resolver = p.resolver;
      if (!resolver || p.options?.arg) return undefined;
      return (root, args, context, info) => resolver({ root, args, context, info });
    }
    default:
      return undefined;
  }
}

/** A resolve function calling the handler directly, or undefined when the handler needs type-graphql's wrapper. */
function directResolve(
  handler: HandlerMetadata,
  instances: Map<unknown, object>,
  argsFieldNames: ArgsFieldNames,
): Resolve | undefined {
  if (handler.middlewares?.length || handler.roles) return undefined;
  const params = [...(handler.params ?? [])].sort((a, b) => a.index - b.index);
  const readers = params.map((p) => paramReader(p, argsFieldNames));
  if (readers.some((r) => !r)) return undefined;
  const read = readers as ReadParam[];
  let instance = instances.get(handler.target);
  if (!instance) {
    instance = new (handler.target as new () => object)();
    instances.set(handler.target, instance);
  }
  const self = instance as Record<string, (...values: unknown[]) => unknown>;
  const method = self[handler.methodName];
  if (typeof method !== "function") return undefined;
  const n = read.length;
  const resolve: Resolve = (root, args, context, info) => {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) values[i] = read[i](root, args, context, info);
    return method.apply(self, values);
  };
  direct.add(resolve);
  return resolve;
}

/** A @InterfaceType or union as type-graphql's metadata keeps it: the user's own resolveType. */
interface AbstractMetadata {
  name: string;
  resolveType?: GraphQLTypeResolver<unknown, unknown>;
}

/**
 * Replaces type-graphql's resolveType of every interface and union with a
 * synchronous one. type-graphql wraps the user's function in an async one,
 * so every abstract value costs a promise, and graphql-jit
 * (compiled-execution.ts), which expects a type name at once, cannot use it
 * at all. The user's function is called as it is: ours return a type name.
 * Returns how many were replaced.
 */
function resolveTypesDirectly(schema: GraphQLSchema, declared: AbstractMetadata[], classNames: Map<unknown, string>): number {
  // A class (type-graphql allows returning one) stands for its object type.
  const nameOf = (r: unknown) => (typeof r === "function" ? classNames.get(r) : ((r as string | null | undefined) ?? undefined));
  let replaced = 0;
  for (const meta of declared) {
    const type = schema.getType(meta.name);
    const own = meta.resolveType;
    if (!own || !type || !isAbstractType(type)) continue;
    type.resolveType = (value, context, info, abstractType) => {
      const resolved = own(value, context, info, abstractType) as unknown;
      return resolved instanceof Promise ? resolved.then(nameOf) : nameOf(resolved);
    };
    directTypeResolvers.add(type.resolveType);
    replaced++;
  }
  return replaced;
}

/** True when the interface's or union's resolveType is the synchronous one (for tests). */
export function resolvesTypeDirectly(type: { resolveType?: GraphQLTypeResolver<unknown, unknown> | null }): boolean {
  return !!type.resolveType && directTypeResolvers.has(type.resolveType);
}

/**
 * Replaces the resolve function of every field whose handler can be called
 * directly (see the module comment), and the resolveType of every interface
 * and union (`resolveTypesDirectly`). Returns how many were replaced.
 */
export function callResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage() as unknown as {
    queries: HandlerMetadata[];
    mutations: HandlerMetadata[];
    fieldResolvers: HandlerMetadata[];
    objectTypes: Array<{ name: string; target: unknown; interfaceClasses?: unknown[] }>;
    interfaceTypes: Array<AbstractMetadata & { target: unknown; interfaceClasses?: unknown[] }>;
    unions: AbstractMetadata[];
    argumentTypes: Array<{ target: unknown; fields: Array<{ name: string }> }>;
  };
  const instances = new Map<unknown, object>();
  const argsFieldNames: ArgsFieldNames = (argsClass) => {
    const names: string[] = [];
    for (let cls = argsClass as { prototype?: unknown } | null; cls?.prototype; cls = Object.getPrototypeOf(cls)) {
      const type = storage.argumentTypes.find((t) => t.target === cls);
      if (type) names.push(...type.fields.map((f) => f.name).filter((n) => !names.includes(n)));
      else if (cls === argsClass) return undefined;
    }
    return names;
  };
  let replaced = 0;
  const replace = (type: GraphQLObjectType | null | undefined, handler: HandlerMetadata | undefined) => {
    const field = handler && type?.getFields()[handler.schemaName];
    const resolve = field && directResolve(handler, instances, argsFieldNames);
    if (!resolve) return;
    field.resolve = resolve;
    replaced++;
  };
  for (const q of storage.queries) replace(schema.getQueryType(), q);
  for (const m of storage.mutations) replace(schema.getMutationType(), m);

  // A field resolver declared for an interface serves every object type that
  // implements it, unless the object type declares its own.
  const classOf = new Map<string, unknown>(storage.objectTypes.map((t) => [t.name, t.target]));
  const interfacesOf = new Map<unknown, unknown[]>(
    [...storage.objectTypes, ...storage.interfaceTypes].map((t) => [t.target, t.interfaceClasses ?? []]),
  );
  const ancestors = (cls: unknown): unknown[] => [cls, ...(interfacesOf.get(cls) ?? []).flatMap(ancestors)];
  const external = storage.fieldResolvers.filter((f) => f.kind === "external" && f.getObjectType);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const cls = classOf.get(type.name);
    if (!cls) continue;
    const owners = ancestors(cls);
    for (const name of Object.keys(type.getFields())) {
      const candidates = external
        .filter((f) => f.schemaName === name && owners.includes(f.getObjectType!()))
        .sort((a, b) => owners.indexOf(a.getObjectType!()) - owners.indexOf(b.getObjectType!()));
      replace(type, candidates[0]);
    }
  }
  const classNames = new Map<unknown, string>(storage.objectTypes.map((t) => [t.target, t.name]));
  return replaced + resolveTypesDirectly(schema, [...storage.interfaceTypes, ...storage.unions], classNames);
}
