import path from "node:path";
import { GraphQLObjectType, getNamedType, isLeafType, isNonNullType, isObjectType } from "graphql";
import { GqlResult, useTestDatabase } from "../../test/support/database";
import { projectRoot } from "../config";
import { loadSeedsWith } from "../db/seed/seed-loader";
import { getSchema } from "../server/schema";
import { columnPruning } from "./selection";

const db = useTestDatabase();

/** Where each pruned type is reached through a loader that reads only the selected columns. */
const PATHS: Record<string, (selection: string) => string> = {
  Position: (sel) => `{ stakeholders(first: 70) { nodes { positions(first: 10) { ${sel} } } } }`,
  Stakeholder: (sel) => `{ positions(first: 80) { nodes { stakeholder { ${sel} } speaker { ${sel} } } } }`,
  Proposition: (sel) => `{ positions(first: 80) { nodes { proposition { ${sel} } } } }`,
  PositionEventLink: (sel) => `{ positions(first: 80) { nodes { events { ${sel} } } } }`,
  Event: (sel) => `{ positions(first: 80) { nodes { events(first: 5) { event { ${sel} } } } } }`,
};

/** `field`, with every leaf of its type below it when it has a selection set. */
function selectionOf(type: GraphQLObjectType, name: string): string {
  const named = getNamedType(type.getFields()[name].type);
  if (isLeafType(named)) return name;
  if (!isObjectType(named)) return `${name} { __typename ... on Node { id } }`;
  const leaves = Object.values(named.getFields()).filter(
    (f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined),
  );
  return `${name} { __typename ${leaves.map((f) => f.name).join(" ")} }`;
}

interface Page {
  positions: { pageInfo: { endCursor: string; hasNextPage: boolean } };
}

async function withoutPruning<T>(fn: () => Promise<T>): Promise<T> {
  columnPruning.enabled = false;
  try {
    return await fn();
  } finally {
    columnPruning.enabled = true;
  }
}

describe("column pruning", () => {
  beforeEach(async () => {
    await loadSeedsWith(db.manager, path.join(projectRoot, "seeds", "minusma"));
  });

  it("gives every field resolver of a pruned type the same answer as whole rows do", async () => {
    const schema = getSchema();
    const checked: string[] = [];
    for (const [typeName, query] of Object.entries(PATHS)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      // Field resolvers are where a row's columns get read; selecting one
      // alone leaves every plain column out of the loader's SELECT.
      const resolved = Object.values(type.getFields()).filter((f) => f.resolve);
      expect(resolved.length).toBeGreaterThan(0);
      for (const field of resolved) {
        const q = query(`__typename ${selectionOf(type, field.name)}`);
        const pruned = await db.gql(q);
        const whole = await withoutPruning(() => db.gql(q));
        expect({ field: `${typeName}.${field.name}`, errors: pruned.errors }).toEqual({ field: `${typeName}.${field.name}`, errors: undefined });
        expect({ field: `${typeName}.${field.name}`, data: pruned.data }).toEqual({ field: `${typeName}.${field.name}`, data: whole.data });
        checked.push(`${typeName}.${field.name}`);
      }
    }
    // The seed data reaches each type (otherwise the comparison proves nothing).
    for (const [typeName, query] of Object.entries(PATHS)) {
      const { data } = await db.gql(query("__typename"));
      expect(JSON.stringify(data)).toContain(`"__typename":"${typeName}"`);
    }
    expect(checked.length).toBeGreaterThan(40);
  });

  it("pages a pruned connection with the same cursors as whole rows, its sort columns unselected", async () => {
    const walk = async (): Promise<unknown[]> => {
      const pages: unknown[] = [];
      let after: string | null = null;
      do {
        const res: GqlResult<Page> = await db.gql<Page>(
          `query($after: String) {
            positions(first: 7, after: $after) { edges { cursor node { stance } } pageInfo { endCursor hasNextPage } }
            stakeholders(first: 7) { edges { cursor node { kind } } }
            events(first: 7) { edges { cursor } nodes { kind } }
            propositions(first: 7) { edges { cursor node { text } } }
          }`,
          { after },
        );
        expect(res.errors).toBeUndefined();
        pages.push(res.data);
        after = res.data!.positions.pageInfo.hasNextPage ? res.data!.positions.pageInfo.endCursor : null;
      } while (after);
      return pages;
    };
    const pruned = await walk();
    expect(pruned.length).toBeGreaterThan(5);
    expect(pruned).toEqual(await withoutPruning(walk));
  });

  it("reads only the selected plain columns, and keys, through a nested field", async () => {
    const client = (await db.manager.queryRunner!.connect()) as { query: (...args: any[]) => any };
    const spy = jest.spyOn(client, "query");
    try {
      const { errors } = await db.gql(`{ stakeholders(first: 5) { nodes { positions(first: 5) { stance } } } }`);
      expect(errors).toBeUndefined();
      const texts = spy.mock.calls.map(([arg]) => (typeof arg === "string" ? arg : arg.text) as string);
      const positions = texts.find((t) => /FROM position t WHERE/.test(t));
      expect(positions).toBeDefined();
      expect(positions).toContain(`t."stance"`);
      expect(positions).toContain(`t."stakeholder_id"`);
      expect(positions).not.toContain(`t."quote"`);
      expect(positions).not.toContain("t.*");
    } finally {
      spy.mockRestore();
    }
  });
});
