/** Builds the executable schema from the resolver classes, and prints it as sorted SDL. */
import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import { callResolversDirectly } from "./direct-resolvers";
import { RESOLVERS } from "./resolvers";

let schema: GraphQLSchema | undefined;

/**
 * True when no middleware or @Authorized is declared anywhere and no field is
 * renamed: then type-graphql's per-call wrappers do nothing we need.
 */
function unwrappable(): boolean {
  const storage = getMetadataStorage();
  return !(
    storage.middlewares.length > 0 ||
    storage.authorizedFields.length > 0 ||
    storage.authorizedResolver.length > 0 ||
    storage.fields.some((f) => f.name !== f.schemaName)
  );
}

/**
 * The schema (built once per process: it holds no request state).
 *
 * When nothing needs type-graphql's wrappers (`unwrappable`), fields without a
 * resolver of their own read their property with graphql-js's default
 * resolver (the `simpleResolvers` option of @ObjectType, applied to all),
 * instead of a function that builds a middleware chain per field per row; and
 * resolver methods are called directly (direct-resolvers.ts).
 */
export function getSchema(): GraphQLSchema {
  if (schema) return schema;
  const direct = unwrappable();
  if (direct) for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  schema = buildSchemaSync({
    resolvers: RESOLVERS,
    // Inputs are validated by the services, which know the field paths.
    validate: false,
  });
  if (direct) callResolversDirectly(schema);
  return schema;
}

/** The SDL committed as schema/schema.graphql. */
export function printSortedSchema(s: GraphQLSchema = getSchema()): string {
  return `${printSchema(lexicographicSortSchema(s))}\n`;
}
