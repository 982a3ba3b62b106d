/** Builds the executable schema from the resolver classes, and prints it as sorted SDL. */
import "reflect-metadata";
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { RESOLVERS } from "./resolvers";

let schema: GraphQLSchema | undefined;

/** The schema (built once per process: it holds no request state). */
export function getSchema(): GraphQLSchema {
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
