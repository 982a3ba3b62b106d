import { toGlobalId } from "../../common/global-id";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const GRAPH = `query($proposition: String, $argument: String, $depth: Int, $maxNodes: Int) {
  argumentGraph(proposition: $proposition, argument: $argument, depth: $depth, maxNodes: $maxNodes) {
    nodeCount edgeCount truncated depth maxNodes preferredLimit preferredNote
    root { id kind }
    nodes { id kind depth label argument { slug } proposition { slug } }
    edges { kind from to conflictKind ordinal conflict { slug } rephrase { slug } }
    attacks { attacker { slug } target { slug } conflicts { slug } }
    grounded { argument { slug } label }
    preferredExtensions { slug }
  }
}`;

interface Graph {
  nodeCount: number;
  edgeCount: number;
  truncated: boolean;
  preferredNote: string | null;
  preferredLimit: number;
  root: { id: string; kind: string };
  nodes: Array<{ id: string; kind: string; depth: number; label: string | null; argument: { slug: string } | null; proposition: { slug: string } | null }>;
  edges: Array<{ kind: string; from: string; to: string; conflictKind: string | null; ordinal: number | null; conflict: { slug: string } | null; rephrase: { slug: string } | null }>;
  attacks: Array<{ attacker: { slug: string }; target: { slug: string }; conflicts: Array<{ slug: string }> }>;
  grounded: Array<{ argument: { slug: string }; label: string }>;
  preferredExtensions: Array<Array<{ slug: string }>> | null;
}

async function graph(vars: Record<string, unknown>): Promise<Graph> {
  const res = await db.gql(GRAPH, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.argumentGraph;
}

/** `slug@depth` for every node, sorted. */
function depths(g: Graph): string[] {
  return g.nodes.map((n) => `${(n.argument ?? n.proposition)!.slug}@${n.depth}`).sort();
}

/** Each edge as `KIND from→to`, with slugs for ids, sorted. */
function edgeList(g: Graph): string[] {
  const slug = new Map(g.nodes.map((n) => [n.id, (n.argument ?? n.proposition)!.slug]));
  return g.edges.map((e) => `${e.conflictKind ?? e.kind} ${slug.get(e.from)}→${slug.get(e.to)}`).sort();
}

function labels(g: Graph): Record<string, string> {
  return Object.fromEntries(g.grounded.map((l) => [l.argument.slug, l.label]));
}

function extensions(g: Graph): string[][] | null {
  return g.preferredExtensions?.map((e) => e.map((a) => a.slug).sort()).sort() ?? null;
}

describe("argumentGraph", () => {
  it("refuses a missing or double root, and depth or maxNodes out of range", async () => {
    const p = await make.proposition();
    const expectBad = async (vars: Record<string, unknown>, field: string) => {
      const res = await db.gql(GRAPH, vars);
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    };
    await expectBad({}, "proposition");
    await expectBad({ proposition: p.slug, argument: "some-argument" }, "argument");
    await expectBad({ proposition: p.slug, depth: 0 }, "depth");
    await expectBad({ proposition: p.slug, depth: 11 }, "depth");
    await expectBad({ proposition: p.slug, maxNodes: 0 }, "maxNodes");
    await expectBad({ proposition: p.slug, maxNodes: 5001 }, "maxNodes");
    const unknown = await db.gql(GRAPH, { argument: "no-such-argument" });
    expect(unknown.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "argument" });

    const lone = await graph({ proposition: p.slug });
    expect(lone).toMatchObject({
      nodeCount: 1,
      edgeCount: 0,
      truncated: false,
      depth: 3,
      maxNodes: 500,
      root: { id: toGlobalId("Proposition", p.id), kind: "PROPOSITION" },
      grounded: [],
      preferredExtensions: [[]],
    });
  });

  it("walks premise, conclusion, conflict and rephrase edges both ways, level by level", async () => {
    const author = await make.stakeholder();
    const prop = (slug: string) => make.proposition({ slug: uniqueSlug(slug) });
    const [p1, p2, c, d, e, f, g, h, r] = await Promise.all(["p1", "p2", "c", "d", "e", "f", "g", "h", "r"].map(prop));
    const arg = (slug: string, premises: Array<{ id: string }>, conclusion: { id: string }) =>
      make.argument({ slug: uniqueSlug(slug), author_id: author.id, premises: premises.map((p) => p.id), conclusion_id: conclusion.id });
    const A = await arg("a", [p1, p2], c);
    const B = await arg("b", [e], d);
    const C = await arg("c", [f], e);
    const D = await arg("d", [g], h);
    const rebut = await make.conflict({ slug: uniqueSlug("b-rebuts-a"), kind: "REBUT", attacker_argument_id: B.id, target_argument_id: A.id });
    await make.conflict({ kind: "UNDERCUT", attacker_proposition_id: h.id, target_inference_id: A.id });
    const same = await make.rephrase({ from_proposition_id: c.id, to_proposition_id: r.id });
    // Cycles: A rebuts B back, and r rephrases c back through another proposition.
    await make.conflict({ kind: "REBUT", attacker_argument_id: A.id, target_argument_id: B.id });

    const two = await graph({ argument: A.slug, depth: 2 });
    expect(two.root).toEqual({ id: toGlobalId("Argument", A.id), kind: "ARGUMENT" });
    expect(depths(two)).toEqual(
      [`${A.slug}@0`, `${p1.slug}@1`, `${p2.slug}@1`, `${c.slug}@1`, `${B.slug}@1`, `${h.slug}@1`,
        `${r.slug}@2`, `${e.slug}@2`, `${d.slug}@2`, `${D.slug}@2`].sort(),
    );
    expect(two).toMatchObject({ nodeCount: 10, truncated: false });
    expect(edgeList(two)).toEqual(
      [
        `PREMISE ${p1.slug}→${A.slug}`,
        `PREMISE ${p2.slug}→${A.slug}`,
        `PREMISE ${e.slug}→${B.slug}`,
        `CONCLUSION ${A.slug}→${c.slug}`,
        `CONCLUSION ${B.slug}→${d.slug}`,
        `CONCLUSION ${D.slug}→${h.slug}`,
        `REBUT ${B.slug}→${A.slug}`,
        `REBUT ${A.slug}→${B.slug}`,
        `UNDERCUT ${h.slug}→${A.slug}`,
        `REPHRASE ${c.slug}→${r.slug}`,
      ].sort(),
    );
    expect(two.edgeCount).toBe(10);
    expect(two.edges.find((x) => x.conflict?.slug === rebut.slug)).toMatchObject({ kind: "CONFLICT", conflictKind: "REBUT" });
    expect(two.edges.find((x) => x.kind === "REPHRASE")!.rephrase).toEqual({ slug: same.slug });
    const premiseOrder = two.edges.filter((x) => x.kind === "PREMISE" && x.to === toGlobalId("Argument", A.id));
    expect(premiseOrder.map((x) => x.ordinal).sort()).toEqual([0, 1]);
    // Nodes come nearest first, arguments before propositions.
    expect(two.nodes.map((n) => n.depth)).toEqual([...two.nodes.map((n) => n.depth)].sort((x, y) => x - y));
    expect(two.nodes[1].kind).toBe("ARGUMENT");

    const all = await graph({ argument: A.slug, depth: 10 });
    expect(all.nodeCount).toBe(13);
    expect(depths(all)).toEqual(expect.arrayContaining([`${C.slug}@3`, `${g.slug}@3`, `${f.slug}@4`]));

    const fromClaim = await graph({ proposition: c.slug, depth: 1 });
    expect(depths(fromClaim)).toEqual([`${c.slug}@0`, `${A.slug}@1`, `${r.slug}@1`].sort());
  });

  it("stops at maxNodes, keeping the nearest nodes, and says so", async () => {
    const author = await make.stakeholder();
    const hub = await make.proposition();
    const premise = await make.proposition();
    await make.argument({ author_id: author.id, conclusion_id: hub.id, premises: [premise.id] });
    const [x, y] = [await make.proposition(), await make.proposition()];
    await make.argument({ author_id: author.id, conclusion_id: x.id, premises: [hub.id] });
    await make.rephrase({ from_proposition_id: y.id, to_proposition_id: hub.id });
    // Depth 1 around the hub: 3 neighbours (2 arguments, 1 proposition); depth 2 adds premise and x.
    const full = await graph({ proposition: hub.slug, depth: 2 });
    expect(full).toMatchObject({ nodeCount: 6, truncated: false });
    const exact = await graph({ proposition: hub.slug, depth: 2, maxNodes: 6 });
    expect(exact).toMatchObject({ nodeCount: 6, truncated: false });
    const cut = await graph({ proposition: hub.slug, depth: 2, maxNodes: 5 });
    expect(cut).toMatchObject({ nodeCount: 5, truncated: true });
    expect(cut.nodes.filter((n) => n.depth <= 1)).toHaveLength(4);
    const tiny = await graph({ proposition: hub.slug, maxNodes: 1 });
    expect(tiny).toMatchObject({ nodeCount: 1, edgeCount: 0, truncated: true });
    expect(tiny.nodes[0].proposition).toEqual({ slug: hub.slug });
  });

  it("handles thousands of nodes in one walk, within the cap", async () => {
    const author = await make.stakeholder();
    const hub = await make.proposition();
    const premise = await make.proposition();
    const prefix = uniqueSlug("star");
    await db.manager.query(
      `WITH a AS (
         INSERT INTO argument (slug, author_id, conclusion_id)
         SELECT $1 || '-' || i, $2, $3 FROM generate_series(1, 3000) AS i RETURNING id
       ) INSERT INTO argument_premise (argument_id, proposition_id, ordinal) SELECT id, $4, 0 FROM a`,
      [prefix, author.id, hub.id, premise.id],
    );
    const capped = await db.gql(`query($p: String!) { argumentGraph(proposition: $p, depth: 2) { nodeCount edgeCount truncated } }`, {
      p: hub.slug,
    });
    expect(capped.data!.argumentGraph).toMatchObject({ nodeCount: 500, truncated: true });
    const started = Date.now();
    const full = await db.gql(
      `query($p: String!) { argumentGraph(proposition: $p, depth: 2, maxNodes: 5000) { nodeCount edgeCount truncated grounded { label } } }`,
      { p: hub.slug },
    );
    expect(full.errors).toBeUndefined();
    expect(full.data!.argumentGraph).toMatchObject({ nodeCount: 3002, edgeCount: 6000, truncated: false });
    expect(full.data!.argumentGraph.grounded.every((l: { label: string }) => l.label === "IN")).toBe(true);
    expect(Date.now() - started).toBeLessThan(20000);
  });

  it("issues the same number of statements for a graph of 4 and of 40 arguments", async () => {
    const build = async (n: number) => {
      const author = await make.stakeholder();
      const hub = await make.proposition();
      let previous: { id: string } | null = null;
      for (let i = 0; i < n; i++) {
        const own = await make.proposition();
        const a: { id: string } = await make.argument({ author_id: author.id, conclusion_id: i % 2 ? hub.id : own.id, premises: [own.id, hub.id].slice(0, i % 2 ? 1 : 2) });
        if (previous) await make.conflict({ kind: "REBUT", attacker_argument_id: a.id, target_argument_id: previous.id });
        if (i % 3 === 0) await make.rephrase({ from_proposition_id: own.id, to_proposition_id: (await make.proposition()).id });
        previous = a;
      }
      return hub.slug;
    };
    const query = `query($p: String!) { argumentGraph(proposition: $p, depth: 10) {
      nodeCount
      nodes { id label argument { slug author { slug } premises { slug } conclusion { slug } } proposition { slug } }
      edges { kind conflict { slug kind } rephrase { slug } }
      attacks { attacker { slug } target { slug } conflicts { slug } }
      grounded { label argument { slug } }
      preferredExtensions { slug }
    } }`;
    const small = await db.gql(query, { p: await build(4) });
    const large = await db.gql(query, { p: await build(40) });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data!.argumentGraph.nodeCount).toBeGreaterThan(small.data!.argumentGraph.nodeCount * 5);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(12);
  });
});

describe("argumentGraph acceptability, entered through the mutations", () => {
  const ARG = `mutation($input: CreateArgumentInput!) { createArgument(input: $input) { slug } }`;
  const CONFLICT = `mutation($input: CreateConflictInput!) { createConflict(input: $input) { slug } }`;

  async function enter(key: string, author: string) {
    const claim = async (name: string) => (await make.proposition({ slug: uniqueSlug(name) })).slug;
    const argue = async (name: string, premises: string[], conclusion: string) => {
      const res = await db.gql(ARG, { input: { slug: uniqueSlug(name), author, premises, conclusion } }, { key });
      expect(res.errors).toBeUndefined();
      return res.data!.createArgument.slug as string;
    };
    const attack = async (kind: string, attacker: Record<string, string>, target: Record<string, string>) => {
      const res = await db.gql(CONFLICT, { input: { slug: uniqueSlug(kind.toLowerCase()), kind, attacker, target } }, { key });
      expect(res.errors).toBeUndefined();
      return res.data!.createConflict.slug as string;
    };
    return { claim, argue, attack };
  }

  it("labels a chain with reinstatement: c undercuts b, b rebuts a — c IN, b OUT, a IN", async () => {
    const key = (await make.apiKey()).secret;
    const author = (await make.stakeholder()).slug;
    const { claim, argue, attack } = await enter(key, author);
    const [pa, pb, pc] = [await claim("pa"), await claim("pb"), await claim("pc")];
    const a = await argue("a", [await claim("a-premise")], pa);
    const b = await argue("b", [await claim("b-premise")], pb);
    const c = await argue("c", [await claim("c-premise")], pc);
    const bRebutsA = await attack("REBUT", { argument: b }, { proposition: pa });
    const cUndercutsB = await attack("UNDERCUT", { argument: c }, { inference: b });

    const g = await graph({ argument: a, depth: 10 });
    expect(labels(g)).toEqual({ [a]: "IN", [b]: "OUT", [c]: "IN" });
    expect(g.nodes.find((n) => n.argument?.slug === b)!.label).toBe("OUT");
    expect(g.nodes.filter((n) => n.proposition).every((n) => n.label === null)).toBe(true);
    expect(extensions(g)).toEqual([[a, c].sort()]);
    expect(g.attacks.map((x) => `${x.attacker.slug}>${x.target.slug}:${x.conflicts.map((k) => k.slug)}`).sort()).toEqual(
      [`${b}>${a}:${bRebutsA}`, `${c}>${b}:${cUndercutsB}`].sort(),
    );

    // Without c (depth 2 stops before it), a stays defeated: labels are relative to the graph.
    const near = await graph({ argument: a, depth: 2 });
    expect(labels(near)).toEqual({ [a]: "OUT", [b]: "IN" });
  });

  it("labels the Nixon diamond UNDECIDED, with two preferred extensions", async () => {
    const key = (await make.apiKey()).secret;
    const author = (await make.stakeholder()).slug;
    const { claim, argue, attack } = await enter(key, author);
    const pacifist = await claim("pacifist");
    const notPacifist = await claim("not-pacifist");
    const q = await argue("quaker", [await claim("nixon-is-a-quaker")], pacifist);
    const r = await argue("republican", [await claim("nixon-is-a-republican")], notPacifist);
    const protest = await argue("protest", [pacifist], await claim("nixon-protests-the-war"));
    // Contradictories: each rebuts the other's conclusion (an argument for one attacks every argument for the other).
    await attack("REBUT", { proposition: pacifist }, { proposition: notPacifist });
    await attack("REBUT", { argument: r }, { proposition: pacifist });
    // r also undermines the argument that rests on pacifism.
    await attack("UNDERMINE", { argument: r }, { proposition: pacifist });

    const g = await graph({ argument: q, depth: 10 });
    expect(labels(g)).toEqual({ [q]: "UNDECIDED", [r]: "UNDECIDED", [protest]: "UNDECIDED" });
    expect(extensions(g)).toEqual([[protest, q].sort(), [r]].sort());
  });

  it("leaves a self-defeating argument UNDECIDED, and ignores attacks from propositions nobody argues for", async () => {
    const key = (await make.apiKey()).secret;
    const author = (await make.stakeholder()).slug;
    const { claim, argue, attack } = await enter(key, author);
    const premise = await claim("premise");
    const s = await argue("self", [premise], await claim("conclusion"));
    const t = await argue("other", [await claim("t-premise")], await claim("t-conclusion"));
    // s's conclusion undermines s's own premise: s attacks itself.
    const conclusion = (await db.gql(`query($s: String!) { argument(slug: $s) { conclusion { slug } } }`, { s })).data!.argument.conclusion.slug;
    await attack("UNDERMINE", { proposition: conclusion }, { proposition: premise });
    await attack("REBUT", { argument: s }, { argument: t });
    await attack("UNDERCUT", { proposition: await claim("unsupported") }, { inference: t });

    const g = await graph({ argument: s, depth: 10 });
    expect(labels(g)).toEqual({ [s]: "UNDECIDED", [t]: "UNDECIDED" });
    expect(extensions(g)).toEqual([[]]);
    expect(g.attacks.map((x) => `${x.attacker.slug}>${x.target.slug}`).sort()).toEqual([`${s}>${s}`, `${s}>${t}`].sort());
  });

  it("returns no preferred extensions, with a note, when too many arguments are undecided", async () => {
    const author = await make.stakeholder();
    const premise = await make.proposition();
    const args: Array<{ id: string; slug: string }> = [];
    for (let i = 0; i < 27; i++) {
      const conclusion = await make.proposition();
      args.push(await make.argument({ author_id: author.id, conclusion_id: conclusion.id, premises: [premise.id] }));
    }
    // An odd cycle of rebuttals: grounded semantics decides none of them.
    for (let i = 0; i < args.length; i++) {
      await make.conflict({ attacker_argument_id: args[i].id, target_argument_id: args[(i + 1) % args.length].id });
    }
    const g = await graph({ argument: args[0].slug, depth: 10 });
    expect(g.grounded).toHaveLength(27);
    expect(g.grounded.every((l) => l.label === "UNDECIDED")).toBe(true);
    expect(g.preferredExtensions).toBeNull();
    expect(g.preferredLimit).toBe(25);
    expect(g.preferredNote).toMatch(/27 arguments/);
  });
});
