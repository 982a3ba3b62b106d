import { ApolloServer } from "@apollo/server";
import { compileQuery } from "graphql-jit";
import { useTestDatabase } from "../../test/support/database";
import { factories } from "../../test/support/factories";
import { loadConfig } from "../config";
import { createApollo } from "./apollo";
import { Compile, compiledExecutionPlugin } from "./compiled-execution";
import { Context, createContext } from "./context";
import { createLogger } from "./logger";
import { getSchema } from "./schema";

const db = useTestDatabase();
const make = factories(() => db.manager);

const LIST = `query List { stakeholders(first: 5) { totalCount nodes { slug name } } }
query Count { stakeholders(first: 1) { totalCount } }`;

/** A server with the plugin alone, with `compile` standing in for graphql-jit's. */
async function serverWith(compileAfter: number, compile: Compile): Promise<ApolloServer<Context>> {
  const schema = getSchema();
  const server = new ApolloServer<Context>({
    schema,
    plugins: [compiledExecutionPlugin<Context>(schema, { compileAfter, formatError: (formatted) => formatted, compile })],
  });
  await server.start();
  return server;
}

async function run(server: ApolloServer<Context>, query: string, operationName?: string, variables?: Record<string, unknown>) {
  const result = await server.executeOperation(
    { query, operationName, variables },
    { contextValue: createContext({ manager: db.manager }) },
  );
  if (result.body.kind !== "single") throw new Error("incremental delivery is not used");
  return { status: result.http.status, ...result.body.singleResult };
}

describe("compiledExecutionPlugin", () => {
  it("compiles an operation the time its text has run compileAfter times, and only once", async () => {
    await make.stakeholder({ name: "Compiled Once" });
    const compiled: Array<string | undefined> = [];
    const server = await serverWith(3, (schema, document, operationName, options) => {
      compiled.push(operationName);
      return compileQuery(schema, document, operationName, options);
    });
    try {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await run(server, LIST, "List"));
      expect(compiled).toEqual(["List"]);
      // Each operation of a document has its own count.
      await run(server, LIST, "Count");
      expect(compiled).toEqual(["List"]);
      // The interpreted runs (1, 2) and the compiled ones (3, 4) answer alike.
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0].data).toMatchObject({ stakeholders: { nodes: expect.arrayContaining([{ slug: expect.any(String), name: "Compiled Once" }]) } });
    } finally {
      await server.stop();
    }
  });

  it("runs an operation that cannot be compiled interpreted, without trying again", async () => {
    await make.stakeholder({ name: "Not Compiled" });
    let attempts = 0;
    const server = await serverWith(1, () => {
      attempts++;
      throw new Error("not supported");
    });
    try {
      const first = await run(server, LIST, "List");
      const second = await run(server, LIST, "List");
      expect(first.errors).toBeUndefined();
      expect(second).toEqual(first);
      expect(attempts).toBe(1);
    } finally {
      await server.stop();
    }
  });
});

describe("compiled execution in the app", () => {
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const logger = createLogger("silent");
  let compiledServer: ApolloServer<Context>;
  let interpretedServer: ApolloServer<Context>;

  beforeAll(async () => {
    compiledServer = createApollo({ ...config, compileAfter: 1 }, logger);
    interpretedServer = createApollo({ ...config, compileAfter: 0 }, logger);
    await Promise.all([compiledServer.start(), interpretedServer.start()]);
  });
  afterAll(async () => {
    await Promise.all([compiledServer.stop(), interpretedServer.stop()]);
  });

  it("answers a bad variable as the client's error (400, BAD_USER_INPUT), as graphql-js does", async () => {
    const query = `query($n: Int!, $slug: String!) { stakeholders(first: $n) { totalCount } stakeholder(slug: $slug) { slug } }`;
    const variables = { n: "many", slug: null };
    const compiled = await run(compiledServer, query, undefined, variables);
    const interpreted = await run(interpretedServer, query, undefined, variables);
    expect(compiled).toEqual(interpreted);
    expect(compiled.status).toBe(400);
    expect(compiled.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ["BAD_USER_INPUT", 'Variable "$n" got invalid value "many"; Int cannot represent non-integer value: "many"'],
      ["BAD_USER_INPUT", 'Variable "$slug" of non-null type "String!" must not be null.'],
    ]);
  });

  it("keeps a service's coded error and its path, and carries the null up as graphql-js does", async () => {
    const s = await make.stakeholder();
    const query = `query($slug: String!) { stakeholder(slug: $slug) { slug } positions(first: -1) { totalCount } }`;
    const compiled = await run(compiledServer, query, undefined, { slug: s.slug });
    expect(compiled).toEqual(await run(interpretedServer, query, undefined, { slug: s.slug }));
    // `positions` is non-null: its error nulls the whole answer.
    expect(compiled.data).toBeNull();
    expect(compiled.status).toBeUndefined();
    expect(compiled.errors).toEqual([expect.objectContaining({ path: ["positions"], extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })]);
  });
});
