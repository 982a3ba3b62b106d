import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";
import { lockWaiters, whileLocked } from "../../../test/support/locks";
import { until } from "../../../test/support/wait";
import { Gate } from "../../common/gate";
import { createDataSource } from "../../db/data-source";
import * as snapshot from "../../db/shared-snapshot";
import { createContext } from "../../server/context";
import { AlignmentArgs } from "./analysis.args";
import { AlignmentMode } from "./analysis.types";
import { AlignmentOptions, alignment, tooLarge } from "./alignment.service";

const db = useTestDatabase();
const make = factories(() => db.manager);

const ALIGNMENT = `query($s: [String!], $p: [String!], $from: Date, $to: Date, $mode: AlignmentMode, $min: Int, $max: Int) {
  alignment(stakeholders: $s, propositions: $p, from: $from, to: $to, mode: $mode, minWeight: $min, maxEdges: $max) {
    mode edgeCount truncated
    nodes { stakeholder { slug } positionCount decidedCount }
    edges { source { slug } target { slug } weight agreements disagreements propositions { slug } }
  }
}`;

interface Edge {
  source: { slug: string };
  target: { slug: string };
  weight: number;
  agreements: number;
  disagreements: number;
  propositions: Array<{ slug: string }>;
}

/**
 * Four stakeholders on three propositions, 2023 as the window:
 *   P1: A SUPPORT, B SUPPORT, C OPPOSE then SUPPORT (latest counts), D SUPPORT in 2022 (outside),
 *       OPPOSE in May 2023, SUPPORT again in 2024 (outside)
 *   P2: A SUPPORT, B OPPOSE, C NEUTRAL, D MIXED (neither makes edges)
 *   P3: A OPPOSE, B OPPOSE, C SUPPORT
 * Within 2023, on decided stances: A–B agree on P1, P3 and disagree on P2; A–C and B–C agree on P1 and
 * disagree on P3; D disagrees with A, B and C on P1.
 */
async function network() {
  const [a, b, c, d] = await Promise.all(["a", "b", "c", "d"].map((x) => make.stakeholder({ slug: uniqueSlug(`al-${x}`) })));
  const [p1, p2, p3] = await Promise.all(["p1", "p2", "p3"].map((x) => make.proposition({ slug: uniqueSlug(`al-${x}`) })));
  const pos = (s: { id: string }, p: { id: string }, stance: string, stated_on: string) =>
    make.position({ stakeholder_id: s.id, proposition_id: p.id, stance, stated_on });
  await pos(a, p1, "SUPPORT", "2023-02-01");
  await pos(b, p1, "SUPPORT", "2023-02-02");
  await pos(c, p1, "OPPOSE", "2023-03-01");
  await pos(c, p1, "SUPPORT", "2023-06-01");
  await pos(d, p1, "SUPPORT", "2022-06-01");
  await pos(d, p1, "OPPOSE", "2023-05-01");
  await pos(d, p1, "SUPPORT", "2024-02-01");
  await pos(a, p2, "SUPPORT", "2023-02-01");
  await pos(b, p2, "OPPOSE", "2023-02-01");
  await pos(c, p2, "NEUTRAL", "2023-02-01");
  await pos(d, p2, "MIXED", "2023-02-01");
  await pos(a, p3, "OPPOSE", "2023-04-01");
  await pos(b, p3, "OPPOSE", "2023-04-01");
  await pos(c, p3, "SUPPORT", "2023-04-01");
  const name = new Map([a, b, c, d, p1, p2, p3].map((x, i) => [x.slug as string, "ABCD123"[i]]));
  /** An edge as "A-B" (ends in letter order), its numbers and its propositions as "P1,P3". */
  const edge = (e: Edge) => {
    const ends = [name.get(e.source.slug), name.get(e.target.slug)].sort().join("-");
    const props = e.propositions.map((p) => `P${name.get(p.slug)}`).sort().join(",");
    return `${ends} ${e.weight} (${e.agreements}/${e.disagreements}) ${props}`;
  };
  return { a, b, c, d, p1, p2, p3, name, edge, props: [p1.slug, p2.slug, p3.slug] };
}

/**
 * The network of all stakeholders on `propositions`, paired one way
 * (alignment picks plain or pruned by the size of the plain pairing, and
 * test networks are small), its edges as [source, target, weight,
 * agreements, disagreements].
 */
async function paired(
  args: { propositions: string[]; mode: string; minWeight?: number; maxEdges: number },
  pairing: AlignmentOptions["pairing"],
  edgeCount = false,
  parts?: number,
) {
  const net = await alignment(
    createContext({ manager: db.manager }),
    { minWeight: 1, ...args, mode: args.mode as AlignmentMode } as AlignmentArgs,
    { edgeCount, nodes: false, propositions: false, pairing, parts },
  );
  return {
    truncated: net.truncated,
    edgeCount: edgeCount ? net.edgeCount : undefined,
    edges: net.edges.map((e) => [e.sourceId, e.targetId, e.weight, e.agreements, e.disagreements]),
  };
}

/** An alignment without `edgeCount`: where no stakeholder is named, weakly decided ones are pruned. */
const PRUNED = `query($s: [String!], $p: [String!], $mode: AlignmentMode, $min: Int, $max: Int) {
  alignment(stakeholders: $s, propositions: $p, mode: $mode, minWeight: $min, maxEdges: $max) {
    truncated edges { source { slug } target { slug } weight agreements disagreements }
  }
}`;
/** The same network with every edge counted: by tally from a weight of 0 or 1 (not SUBTRACT's 1), else by pairing every pair that can reach it. */
const FULL = PRUNED.replace("truncated edges", "edgeCount truncated edges");

/**
 * A skewed random network from a fixed pseudo-random sequence: a few prolific
 * stakeholders and many occasional ones, a few popular propositions and many
 * rare ones, every kind of stance, restated over time.
 */
async function randomNetwork() {
  let seed = 20231231;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const people = await Promise.all(Array.from({ length: 40 }, (_, i) => make.stakeholder({ slug: uniqueSlug(`rnd-${i}`) })));
  const props = await Promise.all(Array.from({ length: 18 }, (_, j) => make.proposition({ slug: uniqueSlug(`rnd-p${j}`) })));
  const stances = ["SUPPORT", "OPPOSE", "SUPPORT", "OPPOSE", "NEUTRAL", "MIXED"];
  const rows: string[][] = [];
  for (const [i, s] of people.entries()) {
    for (const [j, p] of props.entries()) {
      if (random() > Math.min(1, 4 / (1 + i / 3) / (1 + j / 3))) continue;
      for (let k = random() < 0.3 ? 2 : 1; k > 0; k--) {
        rows.push([s.id, p.id, stances[Math.floor(random() * stances.length)], `2023-0${1 + Math.floor(random() * 9)}-1${k}`]);
      }
    }
  }
  await db.manager.query(
    `INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::stance[], $4::date[])`,
    [0, 1, 2, 3].map((c) => rows.map((r) => r[c])),
  );
  return { people, props };
}

describe("alignment", () => {
  it("weights CONGRUENCE by agreements, counting only each stakeholder's latest position in the window", async () => {
    const n = await network();
    const res = await db.gql(ALIGNMENT, { p: n.props, from: "2023-01-01", to: "2023-12-31" });
    expect(res.errors).toBeUndefined();
    const net = res.data!.alignment;
    expect(net.mode).toBe("CONGRUENCE");
    const edges = net.edges.map(n.edge);
    // Highest weight first; equal weights in id order.
    expect(edges[0]).toBe("A-B 2 (2/1) P1,P3");
    expect(edges.slice(1).sort()).toEqual(["A-C 1 (1/1) P1", "B-C 1 (1/1) P1"]);
    expect(net).toMatchObject({ edgeCount: 3, truncated: false });
    const nodes = Object.fromEntries(
      net.nodes.map((x: { stakeholder: { slug: string }; positionCount: number; decidedCount: number }) => [
        n.name.get(x.stakeholder.slug),
        [x.positionCount, x.decidedCount],
      ]),
    );
    expect(nodes).toEqual({ A: [3, 3], B: [3, 3], C: [3, 2], D: [2, 1] });
  });

  it("weights CONFLICT by disagreements and SUBTRACT by their difference, minWeight on its absolute value", async () => {
    const n = await network();
    const vars = { p: n.props, from: "2023-01-01", to: "2023-12-31" };
    const conflict = await db.gql(ALIGNMENT, { ...vars, mode: "CONFLICT" });
    expect(conflict.data!.alignment.edges.map(n.edge).sort()).toEqual([
      "A-B 1 (2/1) P2",
      "A-C 1 (1/1) P3",
      "A-D 1 (0/1) P1",
      "B-C 1 (1/1) P3",
      "B-D 1 (0/1) P1",
      "C-D 1 (0/1) P1",
    ]);

    const subtract = await db.gql(ALIGNMENT, { ...vars, mode: "SUBTRACT" });
    const edges = subtract.data!.alignment.edges.map(n.edge);
    // A–C and B–C balance out (0) and fall under minWeight 1; the negative ones stay.
    expect(edges[0]).toBe("A-B 1 (2/1) P1,P2,P3");
    expect(edges.slice(1).sort()).toEqual(["A-D -1 (0/1) P1", "B-D -1 (0/1) P1", "C-D -1 (0/1) P1"]);

    const all = await db.gql(ALIGNMENT, { ...vars, mode: "SUBTRACT", min: 0 });
    expect(all.data!.alignment.edges.map((e: Edge) => e.weight)).toEqual([1, 0, 0, -1, -1, -1]);
  });

  it("without a window counts each stakeholder's latest position of all time", async () => {
    const n = await network();
    const res = await db.gql(ALIGNMENT, { p: n.props });
    // D's latest on P1 is now the 2024 SUPPORT: it agrees with A, B and C there.
    const edges = res.data!.alignment.edges.map(n.edge);
    expect(edges[0]).toBe("A-B 2 (2/1) P1,P3");
    expect(edges.slice(1).sort()).toEqual([
      "A-C 1 (1/1) P1",
      "A-D 1 (1/0) P1",
      "B-C 1 (1/1) P1",
      "B-D 1 (1/0) P1",
      "C-D 1 (1/0) P1",
    ]);
  });

  it("answers the same edges when nodes are not selected, named or not (only the ends are read then)", async () => {
    const n = await network();
    const edgesOnly = ALIGNMENT.replace("nodes { stakeholder { slug } positionCount decidedCount }", "");
    for (const vars of [{ p: n.props }, { s: [n.a.slug, n.c.slug, n.d.slug], from: "2023-01-01" }]) {
      const full = await db.gql(ALIGNMENT, vars);
      const lean = await db.gql(edgesOnly, vars);
      expect(lean.errors).toBeUndefined();
      expect(full.data!.alignment.edges.length).toBeGreaterThan(1);
      expect(lean.data!.alignment).toEqual({ ...full.data!.alignment, nodes: undefined });
    }
  });

  it("filters by named stakeholders and propositions, and keeps named stakeholders without positions as nodes", async () => {
    const n = await network();
    const lonely = await make.stakeholder({ slug: uniqueSlug("al-lonely") });
    const res = await db.gql(ALIGNMENT, {
      s: [n.a.slug, n.b.slug, lonely.slug],
      p: [n.p2.slug],
      mode: "CONFLICT",
    });
    const net = res.data!.alignment;
    expect(net.edges.map(n.edge)).toEqual(["A-B 1 (0/1) P2"]);
    expect(net.nodes.map((x: { stakeholder: { slug: string }; positionCount: number }) => [x.stakeholder.slug, x.positionCount]).sort())
      .toEqual([[n.a.slug, 1], [n.b.slug, 1], [lonely.slug, 0]].sort());
  });

  it("caps the edges at maxEdges, keeping the strongest, and says it truncated", async () => {
    const n = await network();
    const res = await db.gql(ALIGNMENT, { p: n.props, from: "2023-01-01", to: "2023-12-31", max: 1 });
    expect(res.data!.alignment.edges.map(n.edge)).toEqual(["A-B 2 (2/1) P1,P3"]);
    expect(res.data!.alignment).toMatchObject({ edgeCount: 3, truncated: true });
    const none = await db.gql(ALIGNMENT, { p: n.props, max: 0 });
    expect(none.data!.alignment).toMatchObject({ edges: [], edgeCount: 6, truncated: true });
    expect(none.data!.alignment.nodes).toHaveLength(4);

    // Without edgeCount selected nothing is counted; truncated still tells.
    const lean = `query($p: [String!], $max: Int) { alignment(propositions: $p, maxEdges: $max) { truncated edges { weight } } }`;
    expect((await db.gql(lean, { p: n.props, max: 5 })).data!.alignment).toMatchObject({ truncated: true });
    expect((await db.gql(lean, { p: n.props, max: 6 })).data!.alignment).toMatchObject({ truncated: false });
  });

  it("keeps only the strongest edges exactly when it prunes weakly decided stakeholders (edgeCount not selected)", async () => {
    // 30 stakeholders with very different numbers of decided positions on 12 propositions.
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => make.stakeholder({ slug: uniqueSlug(`pr-${i}`) })));
    const props = await Promise.all(Array.from({ length: 12 }, (_, i) => make.proposition({ slug: uniqueSlug(`pr-p${i}`) })));
    const stances = ["SUPPORT", "OPPOSE", "SUPPORT", "NEUTRAL"];
    for (const [i, s] of people.entries()) {
      for (const [j, p] of props.entries()) {
        // Stakeholder i speaks on the first 12 - i/3 propositions (a few on all, many on few).
        if (j >= 12 - Math.floor(i / 3)) continue;
        await make.position({ stakeholder_id: s.id, proposition_id: p.id, stance: stances[(i * 7 + j * 5) % 4], stated_on: "2023-03-01" });
      }
    }
    const slugs = props.map((p) => p.slug);
    for (const mode of ["CONGRUENCE", "CONFLICT", "SUBTRACT"]) {
      for (const max of [1, 8, 40]) {
        const args = { propositions: slugs, mode, maxEdges: max };
        const pruned = await paired(args, "pruned");
        expect(pruned.edges).toHaveLength(max);
        expect({ mode, max, ...pruned }).toEqual({ mode, max, ...(await paired(args, "plain")) });
      }
    }
  });

  it("finds exactly the edges of the full pairing by prefix filtering, on skewed random networks", async () => {
    const { props } = await randomNetwork();
    const propositions = props.map((p) => p.slug);
    let cut = 0;
    for (const mode of ["CONGRUENCE", "CONFLICT", "SUBTRACT"]) {
      for (const minWeight of [0, 1, 2, 4]) {
        for (const maxEdges of [1, 7, 30, 400]) {
          const args = { propositions, mode, minWeight, maxEdges };
          const pruned = await paired(args, "pruned");
          const plain = await paired(args, "plain");
          expect({ ...args, ...pruned }).toEqual({ ...args, ...plain });
          // Split into parts (one after another here, in the test's transaction), each way.
          for (const pairing of ["pruned", "plain"] as const) {
            expect({ ...args, pairing, ...(await paired(args, pairing, false, 3)) }).toEqual({ ...args, pairing, ...plain });
          }
          // edgeCount selected: a tally (0 or 1) or prefix filtering at minWeight (2 and up), with the same edges.
          expect({ ...args, ...(await paired(args, "pruned", true)) }).toEqual({ ...args, ...plain, edgeCount: expect.any(Number) });
          if (plain.truncated) cut++;
        }
      }
    }
    // Most cases keep the strongest few of many edges: the pruned path is the one tested.
    expect(cut).toBeGreaterThanOrEqual(24);
  });

  it("pairs named stakeholders by bit strings exactly as the join on propositions pairs them all", async () => {
    const { people, props } = await randomNetwork();
    // A stakeholder named twice, and one with no position at all, change nothing.
    const idle = await make.stakeholder({ slug: uniqueSlug("rnd-idle") });
    const named = [...people.map((s) => s.slug), people[0].slug, idle.slug];
    const vars = { p: props.map((p) => p.slug) };
    for (const mode of ["CONGRUENCE", "CONFLICT", "SUBTRACT"]) {
      for (const min of [0, 1, 2, 3]) {
        for (const max of [5, 400]) {
          const all = await db.gql(FULL, { ...vars, mode, min, max });
          const bits = await db.gql(FULL, { ...vars, s: named, mode, min, max });
          expect(bits.errors).toBeUndefined();
          expect({ mode, min, max, ...bits.data!.alignment }).toEqual({ mode, min, max, ...all.data!.alignment });
          expect(all.data!.alignment.edgeCount).toBeGreaterThan(max === 5 ? 5 : 0);
        }
      }
    }
  });

  it("reads the latest positions kept on write (no `to`) exactly as it derives them for a window with an end", async () => {
    const { people, props } = await randomNetwork();
    // Restated after the rest: the kept row must follow the write.
    await db.manager.query(`UPDATE position SET stance = 'OPPOSE', stated_on = '2023-12-01' WHERE stakeholder_id = $1`, [people[1].id]);
    const p = props.map((x) => x.slug);
    const named = people.slice(0, 12).map((s) => s.slug);
    let edges = 0;
    for (const s of [undefined, named]) {
      for (const from of [undefined, "2023-05-01"]) {
        for (const mode of ["CONGRUENCE", "CONFLICT", "SUBTRACT"]) {
          const vars = { p, s, from, mode, min: 1, max: 400 };
          const kept = await db.gql(ALIGNMENT, vars);
          const derived = await db.gql(ALIGNMENT, { ...vars, to: "2999-12-31" });
          expect(kept.errors).toBeUndefined();
          expect({ s, from, mode, ...kept.data!.alignment }).toEqual({ s, from, mode, ...derived.data!.alignment });
          edges += kept.data!.alignment.edges.length;
          // Nodes by slug, in Postgres's order ("rnd-10-…" before "rnd-2-…").
          const slugs = kept.data!.alignment.nodes.map((x: { stakeholder: { slug: string } }) => x.stakeholder.slug);
          const bySlug = await db.manager.query(`SELECT slug FROM stakeholder WHERE slug = ANY($1) ORDER BY slug`, [slugs]);
          expect(slugs).toEqual(bySlug.map((r: { slug: string }) => r.slug));
        }
      }
    }
    expect(edges).toBeGreaterThan(100);
  });

  it("computes the propositions behind edges only when selected, fragments included", async () => {
    const n = await network();
    const viaFragment = await db.gql(
      `query($p: [String!]) { alignment(propositions: $p, from: "2023-01-01", to: "2023-12-31") { ...net } }
       fragment net on AlignmentNetwork { edges { ... on AlignmentEdge { weight propositions { slug } } } }`,
      { p: n.props },
    );
    expect(viaFragment.errors).toBeUndefined();
    expect(viaFragment.data!.alignment.edges[0].propositions.map((p: { slug: string }) => p.slug).sort()).toEqual(
      [n.p1.slug, n.p3.slug].sort(),
    );
  });

  it("turns a statement timeout into QUERY_TOO_COMPLEX with advice, and leaves other errors alone", () => {
    const timeout = tooLarge({ driverError: { code: "57014" } }) as { extensions: Record<string, unknown>; message: string };
    expect(timeout.extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(timeout.message).toMatch(/narrow it with from\/to, stakeholders or propositions/);
    expect(timeout.message).toMatch(/a higher minWeight, a lower maxEdges/);
    const other = new Error("boom");
    expect(tooLarge(other)).toBe(other);
  });

  it("refuses too many names, a reversed window and out-of-range caps; unknown slugs are NOT_FOUND with their path", async () => {
    const n = await network();
    const tooMany = Array.from({ length: 501 }, (_, i) => `s-${i}`);
    const bad = await db.gql(ALIGNMENT, { s: tooMany, from: "2023-02-01", to: "2023-01-01", max: 10_001, min: -1 });
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(bad.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual([
      "stakeholders",
      "to",
      "minWeight",
      "maxEdges",
    ]);

    const missing = await db.gql(ALIGNMENT, { s: [n.a.slug, "no-such-stakeholder"], p: ["nope"] });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "stakeholders[1]" });
    expect(missing.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual(["stakeholders[1]", "propositions[0]"]);
  });

  it("uses the same number of statements for 4 or 12 stakeholders, nested fields included", async () => {
    const n = await network();
    const first = await db.gql(ALIGNMENT, { p: n.props });
    expect(first.data!.alignment.nodes).toHaveLength(4);
    for (let i = 0; i < 8; i++) {
      const s = await make.stakeholder({ slug: uniqueSlug("al-more") });
      await make.position({ stakeholder_id: s.id, proposition_id: n.p1.id, stance: i % 2 ? "SUPPORT" : "OPPOSE" });
      await make.position({ stakeholder_id: s.id, proposition_id: n.p3.id, stance: "OPPOSE" });
    }
    const second = await db.gql(ALIGNMENT, { p: n.props });
    expect(second.errors).toBeUndefined();
    expect(second.data!.alignment.nodes).toHaveLength(12);
    expect(second.data!.alignment.edges.length).toBeGreaterThan(first.data!.alignment.edges.length);
    expect(second.statements).toBe(first.statements);
    // The proposition slugs, then the network with its stakeholders and propositions, in a
    // transaction of its own (begin, SET LOCAL enable_mergejoin, the network, commit).
    expect(first.statements).toBe(5);
  });
});

// Several connections at once: PGlite has one session.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

(embedded ? describe.skip : describe)("alignment split over connections (real Postgres only)", () => {
  const prefix = `split-${Date.now()}`;
  afterAll(async () => {
    const ds = db.dataSource;
    await ds.query(`DELETE FROM position WHERE stakeholder_id IN (SELECT id FROM stakeholder WHERE slug LIKE $1)`, [`${prefix}%`]);
    await ds.query(`DELETE FROM stakeholder WHERE slug LIKE $1`, [`${prefix}%`]);
    await ds.query(`DELETE FROM proposition WHERE slug LIKE $1`, [`${prefix}%`]);
  });

  it("answers the parts run at once on a shared snapshot exactly as the whole statement", async () => {
    // Committed, so that the parts' own connections see it: 40 stakeholders
    // deciding often or rarely on 15 propositions, popular or rare.
    const ds = db.dataSource;
    await ds.query(
      `INSERT INTO stakeholder (slug, name, kind) SELECT $1 || '-s' || i, 'Split ' || i, 'STATE' FROM generate_series(1, 40) i`,
      [prefix],
    );
    await ds.query(`INSERT INTO proposition (slug, text) SELECT $1 || '-p' || j, 'Split ' || j FROM generate_series(1, 15) j`, [prefix]);
    await ds.query(
      `INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on)
       SELECT s.id, p.id, (ARRAY['SUPPORT','OPPOSE','SUPPORT','NEUTRAL'])[1 + (i * 7 + j * 3 + i * j) % 4]::stance, DATE '2023-01-01' + j
       FROM generate_series(1, 40) i CROSS JOIN generate_series(1, 15) j
       JOIN stakeholder s ON s.slug = $1 || '-s' || i JOIN proposition p ON p.slug = $1 || '-p' || j
       WHERE (i * 13 + j * 5) % (1 + i / 4 + j / 3) = 0`,
      [prefix],
    );
    const propositions = Array.from({ length: 15 }, (_, j) => `${prefix}-p${j + 1}`);
    const spy = jest.spyOn(snapshot, "inSharedSnapshot");
    try {
      for (const mode of [AlignmentMode.CONGRUENCE, AlignmentMode.CONFLICT, AlignmentMode.SUBTRACT]) {
        for (const maxEdges of [3, 1000]) {
          const args = { propositions, mode, minWeight: 1, maxEdges } as AlignmentArgs;
          const options = { edgeCount: false, nodes: true, propositions: true };
          const net = (parts: number) => alignment(createContext({ manager: ds.manager }), args, { ...options, parts });
          const whole = await net(1);
          spy.mockClear();
          const split = await net(2);
          // The parts ran on their own connections.
          expect(spy).toHaveBeenCalledTimes(1);
          await expect(spy.mock.results[0].value).resolves.toHaveLength(2);
          expect(split).toEqual(whole);
          expect(whole.truncated).toBe(maxEdges === 3);
        }
      }
    } finally {
      spy.mockRestore();
    }
  });
});

(embedded ? describe.skip : describe)("how the alignment network over everyone runs: its timeout, its gate (real Postgres only)", () => {
  // Connections whose own statement_timeout is short. The alignment's
  // statement over everyone reads latest_position, so while another
  // connection holds that table locked it waits, and only a timeout ends it.
  const short = createDataSource({ url: process.env.DATABASE_URL!, poolSize: 4, statementTimeoutMs: 200 });
  beforeAll(() => short.initialize());
  afterAll(() => short.destroy());

  const args = { minWeight: 1, maxEdges: 5 } as AlignmentArgs;
  const options = { edgeCount: false, nodes: false, propositions: false };

  const locked = <T>(fn: () => Promise<T>, releaseAfterMs?: number) =>
    whileLocked(db.dataSource, "latest_position", fn, releaseAfterMs);

  it.each([AlignmentMode.CONGRUENCE, AlignmentMode.SUBTRACT])(
    "%s: outlasts the connection's statement_timeout when given longer (whole or split)",
    async (mode) => {
      // Held three times the connection's 200 ms: without its own timeout the statement would be cancelled.
      const net = await locked(
        () => alignment(createContext({ manager: short.manager, alignment: { timeoutMs: 20_000 } }), { ...args, mode }, options),
        600,
      );
      expect(net.mode).toBe(mode);
      // Without it, the connection's 200 ms end the wait.
      await expect(
        locked(() => alignment(createContext({ manager: short.manager }), { ...args, mode }, options)),
      ).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
    },
  );

  it.each([AlignmentMode.CONGRUENCE, AlignmentMode.SUBTRACT])(
    "%s: ends sooner than the connection's statement_timeout when given shorter",
    async (mode) => {
      // The test connections allow 30 s: under theirs, the statement would wait for the lock to go (at 3 s) and answer.
      await expect(
        locked(
          () => alignment(createContext({ manager: db.dataSource.manager, alignment: { timeoutMs: 100 } }), { ...args, mode }, options),
          3_000,
        ),
      ).rejects.toMatchObject({ extensions: { code: "QUERY_TOO_COMPLEX" } });
    },
  );

  it("waits its turn at the gate, holding no connection meanwhile", async () => {
    const gate = new Gate(1);
    const net = () =>
      alignment(
        createContext({ manager: db.dataSource.manager, alignment: { gate } }),
        { ...args, mode: AlignmentMode.CONGRUENCE },
        options,
      );
    const nets = await locked(async () => {
      const both = [net(), net()];
      // The first waits for the lock, the second for the first, not for the lock.
      await until(async () => gate.waiting === 1 && (await lockWaiters(db.dataSource)) === 1, "the second network at the gate");
      expect(gate.active).toBe(1);
      return both;
    });
    const [first, second] = await Promise.all(nets);
    expect(second).toEqual(first);
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });
});
