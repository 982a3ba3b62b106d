/**
 * Nested queries are batched: the number of SQL statements a request issues
 * depends on the shape of the query, not on how many rows it returns.
 */
import { useTestDatabase } from "./support/database";
import { factories, uniqueSlug } from "./support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const NESTED = `query($first: Int!, $kind: [StakeholderKind!]) {
  stakeholders(first: $first, filter: { kind: $kind }) {
    edges { node {
      name
      positions { stance proposition { slug }
        events { relation event { slug
          positions { stakeholder { name } }
        } }
      }
    } }
  }
}`;

/** Builds `n` stakeholders, each with 2 positions linked to 2 of `events` shared events. */
async function world(n: number) {
  const events = await Promise.all([0, 1, 2].map(() => make.event()));
  const propositions = await Promise.all([0, 1].map(() => make.proposition()));
  for (let i = 0; i < n; i++) {
    const s = await make.stakeholder({ kind: "MILITIA", slug: uniqueSlug("batch") });
    for (const p of propositions) {
      const pos = await make.position({ stakeholder_id: s.id, proposition_id: p.id, stance: i % 2 ? "SUPPORT" : "OPPOSE" });
      await make.positionEvent({ position_id: pos.id, event_id: events[i % 3].id });
      await make.positionEvent({ position_id: pos.id, event_id: events[(i + 1) % 3].id, relation: "RESPONDS_TO" });
    }
  }
}

describe("nested queries", () => {
  it("issue the same number of SQL statements for 2 and for 20 stakeholders", async () => {
    await world(20);
    const small = await db.gql(NESTED, { first: 2, kind: ["MILITIA"] });
    const large = await db.gql(NESTED, { first: 20, kind: ["MILITIA"] });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();

    const rows = (r: typeof large) =>
      r.data!.stakeholders.edges.flatMap((e: any) =>
        e.node.positions.flatMap((p: any) => p.events.flatMap((l: any) => l.event.positions)),
      ).length;
    // The large query really returns ten times the rows…
    expect(large.data!.stakeholders.edges).toHaveLength(20);
    expect(rows(large)).toBeGreaterThan(rows(small) * 5);
    // …with the same statements: one per level (stakeholders, positions,
    // propositions, links, events, event positions, their stakeholders).
    // eslint-disable-next-line no-console
    console.log(`nested query: ${small.statements} SQL statements for N=2, ${large.statements} for N=20 (${rows(small)} vs ${rows(large)} leaf rows)`);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(8);
  });
});
