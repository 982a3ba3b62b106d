/** Builds the executable schema from the resolver classes, and prints it as sorted SDL. */
import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import { RESOLVERS } from "./resolvers";

let schema: GraphQLSchema | undefined;

/**
 * Fields without a resolver of their own just read a property, but
 * type-graphql wraps each in a function that builds a middleware chain even
 * when there is none: an allocation per field per row. When no middleware or
 * @Authorized is declared anywhere (and no field is renamed), every object
 * type reads its plain fields with graphql-js's default resolver instead (the
 * `simpleResolvers` option of @ObjectType, applied to all).
 */
function readPlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const wrapped =
    storage.middlewares.length > 0 ||
    storage.authorizedFields.length > 0 ||
    storage.authorizedResolver.length > 0 ||
    storage.fields.some((f) => f.name !== f.schemaName);
  if (wrapped) return;
  for (const type of storage.objectTypes) type.simpleResolvers ??= true;
}

/** The schema (built once per process: it holds no request state). */
export function getSchema(): GraphQLSchema {
  if (!schema) readPlainFieldsDirectly();
  schema ??= buildSchemaSync({
    resolvers: RESOLVERS,
    // Inputs are validated by the services, which know the field paths.
    validate: false,
  });
  return schema;
}

/** The SDL committed as schema/schema.graphql. */
export function printSortedSchema(s: GraphQLSchema = getSchema()): string {
  return `${printSchema(lexicographicSortSchema(s))}\n`;
}
