/**
 * The argument graph on the MINUSMA seed data (seeds/minusma): the debate over
 * the mission's withdrawal, read back through GraphQL.
 */
import path from "node:path";
import { projectRoot } from "../../config";
import { loadSeedsWith } from "../../db/seed/seed-loader";
import { useTestDatabase } from "../../../test/support/database";

const db = useTestDatabase();

beforeEach(async () => {
  await loadSeedsWith(db.manager, path.join(projectRoot, "seeds", "minusma"));
});

async function ask(query: string): Promise<any> {
  const res = await db.gql(query);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe("the MINUSMA arguments", () => {
  it("labels Mali's case for withdrawal IN and the case for continuing OUT", async () => {
    const { argumentGraph: g } = await ask(`{ argumentGraph(proposition: "minusma-should-withdraw-without-delay", depth: 10, maxNodes: 5000) {
      truncated nodeCount
      nodes { id argument { slug } proposition { slug } }
      edges { from to conflictKind conflict { slug } }
      grounded { argument { slug } label }
      preferredExtensions { slug }
    } }`);
    expect(g.truncated).toBe(false);
    const label = Object.fromEntries(g.grounded.map((l: any) => [l.argument.slug, l.label]));
    expect(label["mali-withdrawal-argument"]).toBe("IN");
    expect(label["council-members-continue-argument"]).toBe("OUT");
    const slug = new Map(g.nodes.map((n: any) => [n.id, (n.argument ?? n.proposition).slug]));
    const undercut = g.edges.find((e: any) => e.conflict?.slug === "host-consent-undercuts-continue");
    expect(undercut).toMatchObject({ conflictKind: "UNDERCUT" });
    expect([slug.get(undercut.from), slug.get(undercut.to)]).toEqual(["peacekeeping-requires-host-consent", "council-members-continue-argument"]);
    expect(g.preferredExtensions.length).toBeGreaterThan(0);
    for (const ext of g.preferredExtensions) expect(ext.map((a: any) => a.slug)).toContain("mali-withdrawal-argument");
  });

  it("links propositions, positions and stakeholders to their arguments", async () => {
    const data = await ask(`{
      withdraw: proposition(slug: "minusma-should-withdraw-without-delay") { argumentsFor { slug } argumentsAgainst { slug } }
      failed: proposition(slug: "minusma-has-failed") { rephrases { slug } premiseOf { slug } }
      positions(filter: { stakeholder: ["mali-transitional-government"], proposition: "minusma-should-withdraw-without-delay" }) {
        nodes { arguments { slug } }
      }
      stakeholder(slug: "mali-transitional-government") { arguments(first: 100) { slug } }
    }`);
    const slugs = (list: Array<{ slug: string }>) => list.map((a) => a.slug);
    expect(slugs(data.withdraw.argumentsFor)).toEqual(expect.arrayContaining(["mali-withdrawal-argument", "mali-own-capacity-argument"]));
    expect(slugs(data.withdraw.argumentsAgainst)).toContain("council-members-continue-argument");
    expect(slugs(data.failed.rephrases)).toContain("minusma-objectives-not-achieved");
    expect(slugs(data.failed.premiseOf)).toContain("mali-withdrawal-argument");
    expect(data.positions.nodes.length).toBeGreaterThan(0);
    for (const p of data.positions.nodes) expect(slugs(p.arguments)).toContain("mali-withdrawal-argument");
    expect(slugs(data.stakeholder.arguments)).toContain("mali-communal-tensions-argument");
  });
});
