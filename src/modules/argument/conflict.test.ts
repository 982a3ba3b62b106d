import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const END = `__typename ... on Argument { slug } ... on Proposition { slug } ... on ArgumentInference { argument { slug } }`;
const CREATE = `mutation($input: CreateConflictInput!) {
  createConflict(input: $input) { id slug kind note version createdBy source { slug } attacker { ${END} } target { ${END} } }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteConflict(id: $id, version: $version) { id } }`;
const CREATE_REPHRASE = `mutation($input: CreateRephraseInput!) {
  createRephrase(input: $input) { id slug note version from { slug } to { slug } source { slug } }
}`;
const DELETE_REPHRASE = `mutation($id: ID!, $version: Int) { deleteRephrase(id: $id, version: $version) { id } }`;

type Result = { errors?: Array<{ message: string; extensions?: Record<string, any> }> };
function paths(res: Result): string[] {
  return res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
}
function code(res: Result): string {
  return res.errors![0].extensions!.code;
}

/** Two arguments (a for pa from p1, b for pb from p2) and a spare proposition q. */
async function world() {
  const author = await make.stakeholder();
  const source = await make.source();
  const [p1, p2, pa, pb, q] = await Promise.all([0, 1, 2, 3, 4].map(() => make.proposition()));
  const a = await make.argument({ author_id: author.id, conclusion_id: pa.id, premises: [p1.id] });
  const b = await make.argument({ author_id: author.id, conclusion_id: pb.id, premises: [p2.id] });
  return { author, source, p1, p2, pa, pb, q, a, b };
}

describe("conflicts", () => {
  it("records a REBUT, an UNDERMINE and an UNDERCUT, and reads their ends back", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-conflict");
    const w = await world();
    const rebut = await db.gql(
      CREATE,
      {
        input: {
          slug: uniqueSlug("b-rebuts-pa"),
          kind: "REBUT",
          attacker: { argument: w.b.slug },
          target: { proposition: w.pa.slug },
          source: w.source.slug,
          note: "Contrary claims.",
        },
      },
      { key: key.secret },
    );
    expect(rebut.errors).toBeUndefined();
    expect(rebut.data!.createConflict).toMatchObject({
      kind: "REBUT",
      note: "Contrary claims.",
      version: 1,
      createdBy: "analyst-conflict",
      source: { slug: w.source.slug },
      attacker: { __typename: "Argument", slug: w.b.slug },
      target: { __typename: "Proposition", slug: w.pa.slug },
    });

    const undermine = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("q-undermines-p1"), kind: "UNDERMINE", attacker: { proposition: w.q.slug }, target: { proposition: w.p1.slug } } },
      { key: key.secret },
    );
    expect(undermine.data!.createConflict).toMatchObject({
      attacker: { __typename: "Proposition", slug: w.q.slug },
      target: { __typename: "Proposition", slug: w.p1.slug },
      source: null,
    });

    const undercutSlug = uniqueSlug("q-undercuts-a");
    const undercut = await db.gql(
      CREATE,
      { input: { slug: undercutSlug, kind: "UNDERCUT", attacker: { proposition: w.q.slug }, target: { inference: w.a.slug } } },
      { key: key.secret },
    );
    expect(undercut.data!.createConflict.target).toEqual({ __typename: "ArgumentInference", argument: { slug: w.a.slug } });

    const argOnArg = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("a-rebuts-b"), kind: "REBUT", attacker: { argument: w.a.slug }, target: { argument: w.b.slug } } },
      { key: key.secret },
    );
    expect(argOnArg.data!.createConflict.target).toEqual({ __typename: "Argument", slug: w.b.slug });

    const read = await db.gql(
      `query($c: String!, $a: String!, $b: String!, $id: ID!) {
        conflict(slug: $c) { id kind attacker { __typename } }
        node(id: $id) { ... on Conflict { slug } }
        a: argument(slug: $a) { attacks { kind } attackedBy { kind } }
        b: argument(slug: $b) { attacks { kind } attackedBy { kind } }
        none: conflict(slug: "no-such-conflict") { id }
      }`,
      { c: undercutSlug, a: w.a.slug, b: w.b.slug, id: undercut.data!.createConflict.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      conflict: { id: undercut.data!.createConflict.id, kind: "UNDERCUT", attacker: { __typename: "Proposition" } },
      node: { slug: undercutSlug },
      // a rebuts b and is undercut; b's REBUT of a's conclusion pa is on the proposition, not on a.
      a: { attacks: [{ kind: "REBUT" }], attackedBy: [{ kind: "UNDERCUT" }] },
      b: { attacks: [{ kind: "REBUT" }], attackedBy: [{ kind: "REBUT" }] },
      none: null,
    });
  });

  it("requires exactly one attacker and one target, UNDERCUT exactly for inferences, and no self-attack", async () => {
    const key = await make.apiKey();
    const w = await world();
    const before = await db.count("conflict");
    const attempt = async (input: Record<string, unknown>) =>
      db.gql(CREATE, { input: { slug: uniqueSlug("bad"), kind: "REBUT", ...input } }, { key: key.secret });

    const none = await attempt({ slug: "Bad Slug", attacker: {}, target: {} });
    expect(code(none)).toBe("BAD_USER_INPUT");
    expect(paths(none)).toEqual(["input.slug", "input.attacker", "input.target"]);

    const two = await attempt({
      attacker: { argument: w.a.slug, proposition: w.q.slug },
      target: { argument: w.b.slug, proposition: w.pa.slug },
    });
    expect(paths(two)).toEqual(["input.attacker", "input.target"]);

    const undercutWithoutInference = await attempt({ kind: "UNDERCUT", attacker: { argument: w.a.slug }, target: { argument: w.b.slug } });
    expect(paths(undercutWithoutInference)).toEqual(["input.target.inference"]);
    const inferenceWithoutUndercut = await attempt({ kind: "UNDERMINE", attacker: { argument: w.a.slug }, target: { inference: w.b.slug } });
    expect(paths(inferenceWithoutUndercut)).toEqual(["input.kind"]);

    const selfArgument = await attempt({ attacker: { argument: w.a.slug }, target: { argument: w.a.slug } });
    expect(paths(selfArgument)).toEqual(["input.target.argument"]);
    const ownInference = await attempt({ kind: "UNDERCUT", attacker: { argument: w.a.slug }, target: { inference: w.a.slug } });
    expect(paths(ownInference)).toEqual(["input.target.inference"]);
    const selfProposition = await attempt({ attacker: { proposition: w.q.slug }, target: { proposition: w.q.slug } });
    expect(paths(selfProposition)).toEqual(["input.target.proposition"]);

    const enumValue = await attempt({ kind: "REFUTE", attacker: { argument: w.a.slug }, target: { argument: w.b.slug } });
    expect(code(enumValue)).toBe("BAD_USER_INPUT");
    expect(await db.count("conflict")).toBe(before);
  });

  it("answers NOT_FOUND listing every unknown reference with its path", async () => {
    const key = await make.apiKey();
    const w = await world();
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: uniqueSlug("dangling"),
          kind: "UNDERCUT",
          attacker: { argument: "no-such-argument" },
          target: { inference: "no-such-inference" },
          source: "no-such-source",
        },
      },
      { key: key.secret },
    );
    expect(code(res)).toBe("NOT_FOUND");
    expect(paths(res).sort()).toEqual(["input.attacker.argument", "input.source", "input.target.inference"]);
    const prop = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("d"), kind: "REBUT", attacker: { proposition: "no-such-claim" }, target: { proposition: w.q.slug } } },
      { key: key.secret },
    );
    expect(paths(prop)).toEqual(["input.attacker.proposition"]);
    expect(await db.count("conflict", "attacker_proposition_id IS NOT NULL OR attacker_argument_id = $1", [w.a.id])).toBe(0);
  });

  it("answers CONFLICT for a duplicate slug and writes nothing", async () => {
    const key = await make.apiKey();
    const w = await world();
    const existing = await make.conflict({ attacker_argument_id: w.a.id, target_argument_id: w.b.id });
    const before = await db.count("conflict");
    const res = await db.gql(
      CREATE,
      { input: { slug: existing.slug, kind: "REBUT", attacker: { argument: w.b.slug }, target: { argument: w.a.slug } } },
      { key: key.secret },
    );
    expect(code(res)).toBe("CONFLICT");
    expect(await db.count("conflict")).toBe(before);
  });

  it("refuses writes without a key and deletes by an editor; an admin deletes, checking the version", async () => {
    const w = await world();
    const input = { slug: uniqueSlug("anon"), kind: "REBUT", attacker: { argument: w.a.slug }, target: { argument: w.b.slug } };
    expect(code(await db.gql(CREATE, { input }))).toBe("UNAUTHENTICATED");
    expect(await db.count("conflict", "slug = $1", [input.slug])).toBe(0);

    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const created = await db.gql(CREATE, { input }, { key: editor.secret });
    const id = created.data!.createConflict.id;
    expect(code(await db.gql(DELETE, { id }, { key: editor.secret }))).toBe("FORBIDDEN");
    expect(code(await db.gql(DELETE, { id }))).toBe("UNAUTHENTICATED");
    const stale = await db.gql(DELETE, { id, version: 2 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    expect(await db.count("conflict", "slug = $1", [input.slug])).toBe(1);
    const ok = await db.gql(DELETE, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.deleteConflict).toEqual({ id });
    expect(await db.count("conflict", "slug = $1", [input.slug])).toBe(0);
    expect(code(await db.gql(DELETE, { id }, { key: admin.secret }))).toBe("NOT_FOUND");
    expect(code(await db.gql(DELETE, { id: w.a.id.slice(0, 8) }, { key: admin.secret }))).toBe("BAD_USER_INPUT");
  });
});

describe("rephrases", () => {
  it("links two propositions and shows the link from both", async () => {
    const key = await make.apiKey();
    const source = await make.source();
    const [from, to, other] = await Promise.all([0, 1, 2].map(() => make.proposition()));
    const slug = uniqueSlug("same-claim");
    const res = await db.gql(
      CREATE_REPHRASE,
      { input: { slug, from: from.slug, to: to.slug, source: source.slug, note: "Same claim." } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createRephrase).toMatchObject({
      slug,
      note: "Same claim.",
      version: 1,
      from: { slug: from.slug },
      to: { slug: to.slug },
      source: { slug: source.slug },
    });
    const read = await db.gql(
      `query($r: String!, $f: String!, $t: String!, $o: String!) {
        rephrase(slug: $r) { from { slug } }
        f: proposition(slug: $f) { rephrases { slug } }
        t: proposition(slug: $t) { rephrases { slug } }
        o: proposition(slug: $o) { rephrases { slug } }
      }`,
      { r: slug, f: from.slug, t: to.slug, o: other.slug },
    );
    expect(read.data).toEqual({
      rephrase: { from: { slug: from.slug } },
      f: { rephrases: [{ slug: to.slug }] },
      t: { rephrases: [{ slug: from.slug }] },
      o: { rephrases: [] },
    });
  });

  it("validates with paths, reports unknown references, and refuses a pair linked either way", async () => {
    const key = await make.apiKey();
    const [p, q] = await Promise.all([0, 1].map(() => make.proposition()));
    const before = await db.count("rephrase");
    const same = await db.gql(CREATE_REPHRASE, { input: { slug: "Bad Slug", from: p.slug, to: p.slug } }, { key: key.secret });
    expect(code(same)).toBe("BAD_USER_INPUT");
    expect(paths(same)).toEqual(["input.slug", "input.to"]);

    const missing = await db.gql(
      CREATE_REPHRASE,
      { input: { slug: uniqueSlug("r"), from: "no-such-from", to: q.slug, source: "no-such-source" } },
      { key: key.secret },
    );
    expect(code(missing)).toBe("NOT_FOUND");
    expect(paths(missing).sort()).toEqual(["input.from", "input.source"]);

    const first = await db.gql(CREATE_REPHRASE, { input: { slug: uniqueSlug("r"), from: p.slug, to: q.slug } }, { key: key.secret });
    expect(first.errors).toBeUndefined();
    const again = await db.gql(CREATE_REPHRASE, { input: { slug: uniqueSlug("r"), from: p.slug, to: q.slug } }, { key: key.secret });
    expect(code(again)).toBe("CONFLICT");
    const reverse = await db.gql(CREATE_REPHRASE, { input: { slug: uniqueSlug("r"), from: q.slug, to: p.slug } }, { key: key.secret });
    expect(code(reverse)).toBe("CONFLICT");
    expect(reverse.errors![0].extensions).toMatchObject({ field: "input.to" });
    const [r] = await Promise.all([0].map(() => make.proposition()));
    const dupSlug = await db.gql(
      CREATE_REPHRASE,
      { input: { slug: first.data!.createRephrase.slug, from: p.slug, to: r.slug } },
      { key: key.secret },
    );
    expect(code(dupSlug)).toBe("CONFLICT");
    expect(await db.count("rephrase")).toBe(before + 1);
  });

  it("refuses writes without a key and deletes by an editor; an admin deletes", async () => {
    const [p, q] = await Promise.all([0, 1].map(() => make.proposition()));
    const input = { slug: uniqueSlug("r"), from: p.slug, to: q.slug };
    expect(code(await db.gql(CREATE_REPHRASE, { input }))).toBe("UNAUTHENTICATED");
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const id = (await db.gql(CREATE_REPHRASE, { input }, { key: editor.secret })).data!.createRephrase.id;
    expect(code(await db.gql(DELETE_REPHRASE, { id }, { key: editor.secret }))).toBe("FORBIDDEN");
    expect(await db.count("rephrase", "slug = $1", [input.slug])).toBe(1);
    const ok = await db.gql(DELETE_REPHRASE, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.deleteRephrase).toEqual({ id });
    expect(await db.count("rephrase", "slug = $1", [input.slug])).toBe(0);
  });
});
