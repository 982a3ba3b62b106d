/** The offline GraphiQL page served at GET /graphql. */
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

export function playgroundHtml(): string {
  return renderGraphiQL({ title: "Stancegraph", endpoint: "/graphql" } as Parameters<typeof renderGraphiQL>[0]);
}
