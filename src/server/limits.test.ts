import { GraphQLError, buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from "graphql";
import { loadConfig } from "../config";
import { ErrorCode } from "../errors";
import { createApollo } from "./apollo";
import { createContext } from "./context";
import { MAX_FIELD_SELECTIONS, OperationMeasure, measureOperation, queryLimits } from "./limits";
import { createLogger } from "./logger";
import { getSchema } from "./schema";

// The shape of the real schema (connections, nested lists with and without
// `first`), small enough to read.
const schema = buildSchema(`
  interface Node { id: ID! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type StakeholderEdge { cursor: String! node: Stakeholder! }
  type StakeholderConnection { edges: [StakeholderEdge!]! nodes: [Stakeholder!]! pageInfo: PageInfo! totalCount: Int! }
  type Stakeholder implements Node {
    id: ID! slug: String! name: String! aliases: [String!]!
    positions(first: Int): [Position!]!
    votes: [Vote!]!
  }
  type Proposition { slug: String! }
  type Position implements Node { id: ID! stakeholder: Stakeholder! proposition: Proposition! events: [PositionEventLink!]! }
  type PositionEventLink { relation: String! event: Event! }
  type Event implements Node { id: ID! slug: String! positions(first: Int): [Position!]! }
  type Vote { choice: String! }
  type Query {
    node(id: ID!): Node
    stakeholder(slug: String!): Stakeholder
    stakeholders(first: Int, after: String): StakeholderConnection!
  }
  type Mutation { renameStakeholder(slug: String!, name: String!): Stakeholder! }
`);

const defaults = loadConfig({});

function measure(query: string, on = schema): OperationMeasure {
  const doc = parse(query);
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === "FragmentDefinition" ? [[d.name.value, d] as const] : [])),
  );
  const op = doc.definitions.find((d) => d.kind === "OperationDefinition");
  if (!op || op.kind !== "OperationDefinition") throw new Error("no operation");
  return measureOperation(on, op, (name) => fragments.get(name));
}

function check(query: string, limits = defaults, on = schema): readonly GraphQLError[] {
  return validate(on, parse(query), [...specifiedRules, ...queryLimits(limits)]);
}

const nested = (levels: number): string =>
  `{ stakeholder(slug: "x") { ${"positions(first: 1) { stakeholder { ".repeat(levels)}slug${" } }".repeat(levels)} } }`;

describe("query limits", () => {
  it("lets the nested playground-style query through with the default limits", () => {
    const query = `{
      stakeholders(first: 20) { edges { node {
        positions(first: 10) {
          proposition { slug }
          events { event { positions(first: 5) { stakeholder { name } } } }
        }
      } } }
    }`;
    // 20 stakeholders × 10 positions × (1 slug + 20 links × 5 positions × 1 name)
    expect(measure(query)).toEqual({ depth: 9, cost: 20 * 10 * (1 + 20 * 5), fields: 11 });
    expect(check(query)).toEqual([]);
  });

  it("multiplies by literal `first`, by 20 when it is left out, and by 100 when it is a variable", () => {
    expect(measure(`{ stakeholder(slug: "a") { positions(first: 7) { id } } }`).cost).toBe(7);
    expect(measure(`{ stakeholder(slug: "a") { positions { id } } }`).cost).toBe(20);
    expect(measure(`query($n: Int = 3) { stakeholder(slug: "a") { positions(first: $n) { id } } }`).cost).toBe(100);
    expect(measure(`{ stakeholder(slug: "a") { positions(first: null) { id } } }`).cost).toBe(20);
    // A list without a `first` argument is assumed to hold 20 rows.
    expect(measure(`{ stakeholder(slug: "a") { votes { choice } } }`).cost).toBe(20);
  });

  it("multiplies a connection's edges and nodes by its page size, but not its pageInfo or totalCount", () => {
    const m = measure(`{ stakeholders(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug aliases } } nodes { id } } }`);
    expect(m.cost).toBe(1 + 2 + 50 * 3 + 50 * 1);
    expect(measure(`{ stakeholders { nodes { id } } }`).cost).toBe(20);
  });

  it("follows fragments and inline fragments, and counts each spread where it is used", () => {
    const query = `
      query Q { a: stakeholder(slug: "a") { ...S } b: stakeholder(slug: "b") { ...S } node(id: "x") { ... on Stakeholder { ...S } } }
      fragment S on Stakeholder { slug positions(first: 2) { proposition { slug } } }`;
    expect(measure(query)).toEqual({ depth: 4, cost: 3 * (1 + 2), fields: 3 + 3 * 4 });
  });

  it("refuses a depth bomb with QUERY_TOO_COMPLEX, saying the depth and the limit", () => {
    // Each level adds positions + stakeholder: stakeholder(1) + 2 per level + slug.
    expect(check(nested(5))).toEqual([]); // depth 12
    const errors = check(nested(6)); // depth 14
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions).toEqual({ code: ErrorCode.QUERY_TOO_COMPLEX, measure: "depth", value: 14, max: 12 });
    expect(errors[0].message).toBe("The operation has depth 14; the limit is 12.");
  });

  it("measures depth through fragments", () => {
    const query = `query Deep { stakeholder(slug: "x") { ...P } }
      fragment P on Stakeholder { positions { stakeholder { positions { stakeholder { positions { stakeholder { positions { stakeholder { positions { stakeholder { positions { stakeholder { slug } } } } } } } } } } } } }`;
    const [error] = check(query);
    expect(error.message).toBe('Operation "Deep" has depth 14; the limit is 12.');
  });

  it("refuses an estimated cost above the limit before anything runs, pricing variables by their values", async () => {
    const query = `query($n: Int) { stakeholders(first: 100) { nodes { positions(first: $n) { proposition { slug } stakeholder { slug name } } } } }`;
    const apollo = createApollo({ ...defaults, maxQueryCost: 20_000 }, createLogger("silent"));
    await apollo.start();
    try {
      // No SQL can run: the context has no database at all.
      const contextValue = createContext({ manager: {} as never });
      const run = async (n: number) => {
        const res = await apollo.executeOperation({ query, variables: { n } }, { contextValue });
        return res.body.kind === "single" ? res.body.singleResult.errors?.[0] : undefined;
      };
      // 100 × 100 × 3 = 30 000: over the limit…
      const refused = await run(100);
      expect(refused?.extensions).toMatchObject({ code: ErrorCode.QUERY_TOO_COMPLEX, measure: "cost", value: 30_000, max: 20_000 });
      expect(refused?.message).toMatch(/estimated cost of 30000; the limit is 20000/);
      // …while the same document with a smaller page is priced at 100 × 10 × 3.
      const allowed = await run(10);
      expect(allowed?.extensions?.code).not.toBe(ErrorCode.QUERY_TOO_COMPLEX);
    } finally {
      await apollo.stop();
    }
    // Validation alone (no variables) prices `$n` at the page cap and does not judge cost.
    expect(check(query, { ...defaults, maxQueryCost: 1 })).toEqual([]);
  });

  it("refuses more than 1000 field selections (alias bombs), counting spreads", () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    expect(check(aliases(MAX_FIELD_SELECTIONS))).toEqual([]);
    const errors = check(aliases(MAX_FIELD_SELECTIONS + 1));
    expect(errors.map((e) => e.extensions)).toEqual([
      { code: ErrorCode.QUERY_TOO_COMPLEX, measure: "fields", value: 1001, max: 1000 },
    ]);

    // 2^12 selections from a 13-line document.
    const chain = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join("\n");
    const fanOut = `{ ...F0 }\n${chain}\nfragment F12 on Query { __typename }`;
    expect(check(fanOut).map((e) => e.extensions?.measure)).toEqual(["fields"]);
  });

  it("walks each fragment once, so an exponential fan-out is measured at once", () => {
    const chain = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { a: __typename ...F${i + 1} ...F${i + 1} }`).join("\n");
    const started = Date.now();
    const m = measure(`{ ...F0 }\n${chain}\nfragment F40 on Query { __typename }`);
    expect(Date.now() - started).toBeLessThan(500);
    expect(m.fields).toBeGreaterThan(2 ** 40);
  });

  it("does not loop on fragment cycles (the standard rule reports them)", () => {
    const errors = check(`{ stakeholder(slug: "x") { ...A } } fragment A on Stakeholder { positions { stakeholder { ...A } } }`);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/Cannot spread fragment "A" within itself/)]);
  });

  it("prices mutations like queries", () => {
    expect(measure(`mutation { renameStakeholder(slug: "a", name: "b") { slug positions { id } } }`)).toMatchObject({ cost: 21, depth: 3 });
  });

  describe("introspection", () => {
    const real = getSchema();
    const full = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });

    it("lets GraphiQL's introspection query through, even twice in one document", () => {
      expect(check(full, defaults, real)).toEqual([]);
      const m = measure(full, real);
      expect(m).toMatchObject({ depth: 0, cost: 0 });
      expect(m.fields).toBeLessThan(MAX_FIELD_SELECTIONS / 2);
      const twice = `{ a: __schema { types { name } } b: __schema { queryType { name } } __type(name: "Stakeholder") { fields { name } } }`;
      expect(check(twice, defaults, real)).toEqual([]);
    });

    it("still refuses the cyclic introspection amplification (graphql-js's MaxIntrospectionDepthRule)", () => {
      const bomb = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
      expect(check(bomb, defaults, real).map((e) => e.message)).toEqual(["Maximum introspection depth exceeded"]);
    });
  });

  it("keeps its code through Apollo, before anything executes", async () => {
    const apollo = createApollo({ ...defaults, maxQueryDepth: 2, maxQueryCost: 50_000 }, createLogger("silent"));
    await apollo.start();
    try {
      const res = await apollo.executeOperation(
        { query: `{ stakeholders(first: 1) { edges { node { slug } } } }` },
        { contextValue: {} as never },
      );
      expect(res.http.status).toBe(400);
      if (res.body.kind !== "single") throw new Error("expected a single result");
      expect(res.body.singleResult.data).toBeUndefined();
      expect(res.body.singleResult.errors).toEqual([
        {
          message: "The operation has depth 4; the limit is 2.",
          locations: [{ line: 1, column: 1 }],
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, measure: "depth", value: 4, max: 2 },
        },
      ]);
    } finally {
      await apollo.stop();
    }
  });
});
