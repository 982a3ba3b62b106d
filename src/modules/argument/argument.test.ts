import { toGlobalId } from "../../common/global-id";
import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const FIELDS = `id slug scheme quote quoteLanguage locator statedOn datePrecision note version createdBy
  premises { slug } conclusion { slug } author { slug } speaker { slug } source { slug }`;
const CREATE = `mutation($input: CreateArgumentInput!) { createArgument(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateArgumentInput!) { updateArgument(input: $input) { ${FIELDS} updatedBy } }`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteArgument(id: $id, version: $version) { id } }`;

type Result = { errors?: Array<{ extensions?: Record<string, any> }> };
function paths(res: Result): string[] {
  return res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
}
function code(res: Result): string {
  return res.errors![0].extensions!.code;
}

/** An author, a speaker, a source and four propositions, by slug. */
async function world() {
  const author = await make.stakeholder({ kind: "GOVERNMENT" });
  const speaker = await make.stakeholder({ kind: "PERSON" });
  const source = await make.source();
  const [p1, p2, p3, c] = await Promise.all([0, 1, 2, 3].map(() => make.proposition()));
  return { author, speaker, source, p1, p2, p3, c };
}

describe("arguments", () => {
  it("creates an argument with ordered premises, signed by the caller, and reads it back with every field", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-arg");
    const w = await world();
    const slug = uniqueSlug("withdrawal-argument");
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug,
          author: w.author.slug,
          premises: [w.p3.slug, w.p1.slug, w.p2.slug],
          conclusion: w.c.slug,
          scheme: "practical-reasoning",
          quote: "the withdrawal of MINUSMA without delay",
          quoteLanguage: "en",
          speaker: w.speaker.slug,
          source: w.source.slug,
          locator: "paragraph 1",
          statedOn: "2023-06-01",
          datePrecision: "MONTH",
          note: "Reconstructed.",
        },
      },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    const a = res.data!.createArgument;
    expect(a).toMatchObject({
      slug,
      scheme: "practical-reasoning",
      quoteLanguage: "en",
      statedOn: "2023-06-01",
      datePrecision: "MONTH",
      version: 1,
      createdBy: "analyst-arg",
      premises: [{ slug: w.p3.slug }, { slug: w.p1.slug }, { slug: w.p2.slug }],
      conclusion: { slug: w.c.slug },
      author: { slug: w.author.slug },
      speaker: { slug: w.speaker.slug },
      source: { slug: w.source.slug },
    });

    const read = await db.gql(
      `query($slug: String!, $id: ID!, $c: String!, $p: String!, $s: String!) {
        argument(slug: $slug) { id premises { slug } }
        node(id: $id) { id ... on Argument { slug } }
        conclusion: proposition(slug: $c) { argumentsFor { slug } premiseOf { slug } }
        premise: proposition(slug: $p) { argumentsFor { slug } premiseOf { slug } }
        stakeholder(slug: $s) { arguments { slug } }
        missing: argument(slug: "no-such-argument") { id }
      }`,
      { slug, id: a.id, c: w.c.slug, p: w.p1.slug, s: w.author.slug },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      argument: { id: a.id, premises: a.premises },
      node: { id: a.id, slug },
      conclusion: { argumentsFor: [{ slug }], premiseOf: [] },
      premise: { argumentsFor: [], premiseOf: [{ slug }] },
      stakeholder: { arguments: [{ slug }] },
      missing: null,
    });
  });

  it("defaults datePrecision to DAY and leaves optional fields null", async () => {
    const key = await make.apiKey();
    const w = await world();
    const res = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("bare"), author: w.author.slug, premises: [w.p1.slug], conclusion: w.c.slug } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createArgument).toMatchObject({
      datePrecision: "DAY",
      scheme: null,
      quote: null,
      speaker: null,
      source: null,
      statedOn: null,
    });
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const w = await world();
    const before = [await db.count("argument"), await db.count("argument_premise")];
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: "Not A Slug",
          author: w.author.slug,
          premises: [w.p1.slug, w.c.slug, w.p1.slug],
          conclusion: w.c.slug,
          scheme: "Argument From Sovereignty",
          quote: "Words",
          statedOn: "2023-06-16",
          datePrecision: "YEAR",
        },
      },
      { key: key.secret },
    );
    expect(code(res)).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual([
      "input.slug",
      "input.premises[2]",
      "input.conclusion",
      "input.scheme",
      "input.statedOn",
      "input.quoteLanguage",
    ]);
    expect(res.errors![0].extensions!.issues[2].message).toMatch(/premises\[1\]/);

    const empty = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("empty"), author: w.author.slug, premises: [], conclusion: w.c.slug } },
      { key: key.secret },
    );
    expect(paths(empty)).toEqual(["input.premises"]);
    const blank = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("blank"), author: " ", premises: [""], conclusion: w.c.slug } },
      { key: key.secret },
    );
    expect(paths(blank)).toEqual(["input.author", "input.premises[0]"]);
    expect([await db.count("argument"), await db.count("argument_premise")]).toEqual(before);
  });

  it("answers NOT_FOUND listing every unknown reference with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const w = await world();
    const before = await db.count("argument");
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: uniqueSlug("dangling"),
          author: "no-such-author",
          premises: [w.p1.slug, "no-such-premise"],
          conclusion: "no-such-conclusion",
          speaker: "no-such-speaker",
          source: "no-such-source",
        },
      },
      { key: key.secret },
    );
    expect(code(res)).toBe("NOT_FOUND");
    expect(paths(res).sort()).toEqual(
      ["input.author", "input.conclusion", "input.premises[1]", "input.source", "input.speaker"].sort(),
    );
    expect(await db.count("argument")).toBe(before);
  });

  it("refuses a speaker who is not a person", async () => {
    const key = await make.apiKey();
    const w = await world();
    const res = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("x"), author: w.author.slug, premises: [w.p1.slug], conclusion: w.c.slug, speaker: w.author.slug } },
      { key: key.secret },
    );
    expect(code(res)).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.speaker"]);
  });

  it("answers CONFLICT for a duplicate slug and leaves no premises behind", async () => {
    const key = await make.apiKey();
    const w = await world();
    const existing = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id] });
    const premisesBefore = await db.count("argument_premise");
    const res = await db.gql(
      CREATE,
      { input: { slug: existing.slug, author: w.author.slug, premises: [w.p2.slug, w.p3.slug], conclusion: w.c.slug } },
      { key: key.secret },
    );
    expect(code(res)).toBe("CONFLICT");
    expect(await db.count("argument", "slug = $1", [existing.slug])).toBe(1);
    expect(await db.count("argument_premise")).toBe(premisesBefore);
  });

  it("refuses writes without a key, and deletes by an editor", async () => {
    const w = await world();
    const input = { slug: uniqueSlug("anon"), author: w.author.slug, premises: [w.p1.slug], conclusion: w.c.slug };
    const anonymous = await db.gql(CREATE, { input });
    expect(code(anonymous)).toBe("UNAUTHENTICATED");
    expect(await db.count("argument", "slug = $1", [input.slug])).toBe(0);

    const a = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id] });
    const editor = await make.apiKey(Role.EDITOR);
    const id = (await db.gql(`query($s: String!) { argument(slug: $s) { id } }`, { s: a.slug })).data!.argument.id;
    const anonymousUpdate = await db.gql(UPDATE, { input: { id, version: 1, note: "x" } });
    expect(code(anonymousUpdate)).toBe("UNAUTHENTICATED");
    const del = await db.gql(DELETE, { id }, { key: editor.secret });
    expect(code(del)).toBe("FORBIDDEN");
    expect(await db.count("argument", "id = $1", [a.id])).toBe(1);
  });

  it("updates fields and replaces premises, with optimistic concurrency", async () => {
    const a1 = await make.apiKey(Role.EDITOR, "analyst-u1");
    const a2 = await make.apiKey(Role.EDITOR, "analyst-u2");
    const w = await world();
    const created = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("upd"), author: w.author.slug, premises: [w.p1.slug, w.p2.slug], conclusion: w.c.slug } },
      { key: a1.secret },
    );
    const id = created.data!.createArgument.id;

    const first = await db.gql(
      UPDATE,
      { input: { id, version: 1, premises: [w.p3.slug, w.p1.slug], scheme: "argument-from-consequences", speaker: w.speaker.slug } },
      { key: a1.secret },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateArgument).toMatchObject({
      version: 2,
      updatedBy: "analyst-u1",
      scheme: "argument-from-consequences",
      premises: [{ slug: w.p3.slug }, { slug: w.p1.slug }],
      speaker: { slug: w.speaker.slug },
      conclusion: { slug: w.c.slug },
    });

    const stale = await db.gql(UPDATE, { input: { id, version: 1, premises: [w.p2.slug] } }, { key: a2.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });

    const cleared = await db.gql(UPDATE, { input: { id, version: 2, scheme: null, speaker: null } }, { key: a2.secret });
    expect(cleared.data!.updateArgument).toMatchObject({
      version: 3,
      updatedBy: "analyst-u2",
      scheme: null,
      speaker: null,
      premises: [{ slug: w.p3.slug }, { slug: w.p1.slug }],
    });
  });

  it("checks an update against the stored argument: the conclusion never becomes a premise", async () => {
    const key = await make.apiKey();
    const w = await world();
    const a = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id, w.p2.id] });
    const id = (await db.gql(`query($s: String!) { argument(slug: $s) { id } }`, { s: a.slug })).data!.argument.id;

    const toPremise = await db.gql(UPDATE, { input: { id, version: 1, conclusion: w.p2.slug } }, { key: key.secret });
    expect(code(toPremise)).toBe("BAD_USER_INPUT");
    expect(paths(toPremise)).toEqual(["input.conclusion"]);
    expect(toPremise.errors![0].extensions!.issues[0].message).toMatch(/premises\[1\]/);

    const withConclusion = await db.gql(UPDATE, { input: { id, version: 1, premises: [w.p3.slug, w.c.slug] } }, { key: key.secret });
    expect(paths(withConclusion)).toEqual(["input.premises[1]"]);

    const both = await db.gql(UPDATE, { input: { id, version: 1, premises: [w.c.slug], conclusion: w.p1.slug } }, { key: key.secret });
    expect(both.errors).toBeUndefined();

    const nulls = await db.gql(UPDATE, { input: { id, version: 2, premises: null, author: null, datePrecision: null } }, { key: key.secret });
    expect(paths(nulls)).toEqual(["input.author", "input.premises", "input.datePrecision"]);

    const quote = await db.gql(UPDATE, { input: { id, version: 2, quote: "Words" } }, { key: key.secret });
    expect(paths(quote)).toEqual(["input.quoteLanguage"]);
  });

  it("leaves premises unchanged when an update fails", async () => {
    const key = await make.apiKey();
    const w = await world();
    const taken = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p3.id] });
    const a = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id, w.p2.id] });
    const id = (await db.gql(`query($s: String!) { argument(slug: $s) { id } }`, { s: a.slug })).data!.argument.id;
    const premises = () =>
      db.manager.query(`SELECT proposition_id FROM argument_premise WHERE argument_id = $1 ORDER BY ordinal`, [a.id]);
    const before = await premises();

    const dup = await db.gql(UPDATE, { input: { id, version: 1, slug: taken.slug, premises: [w.p3.slug] } }, { key: key.secret });
    expect(code(dup)).toBe("CONFLICT");
    const unknown = await db.gql(UPDATE, { input: { id, version: 1, premises: [w.p3.slug, "no-such-premise"] } }, { key: key.secret });
    expect(code(unknown)).toBe("NOT_FOUND");
    expect(paths(unknown)).toEqual(["input.premises[1]"]);
    expect(await premises()).toEqual(before);
    expect(await db.count("argument", "id = $1 AND version = 1", [a.id])).toBe(1);

    const missing = await db.gql(
      UPDATE,
      { input: { id: "00000000-0000-4000-8000-000000000000", version: 1, note: "x" } },
      { key: key.secret },
    );
    expect(code(missing)).toBe("NOT_FOUND");
    const wrongType = await db.gql(UPDATE, { input: { id: toGlobalId("Stakeholder", w.author.id), version: 1 } }, { key: key.secret });
    expect(code(wrongType)).toBe("BAD_USER_INPUT");
  });

  it("deletes an argument (admin) with its premises and conflicts, checking the version", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const w = await world();
    const a = await make.argument({ author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id, w.p2.id] });
    const b = await make.argument({ author_id: w.author.id, conclusion_id: w.p3.id, premises: [w.p1.id] });
    await make.conflict({ kind: "REBUT", attacker_argument_id: b.id, target_argument_id: a.id });
    await make.conflict({ kind: "UNDERCUT", attacker_proposition_id: w.p3.id, target_inference_id: a.id });
    const id = (await db.gql(`query($s: String!) { argument(slug: $s) { id } }`, { s: a.slug })).data!.argument.id;

    const stale = await db.gql(DELETE, { id, version: 7 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    const ok = await db.gql(DELETE, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.deleteArgument).toEqual({ id });
    expect(await db.count("argument", "id = $1", [a.id])).toBe(0);
    expect(await db.count("argument_premise", "argument_id = $1", [a.id])).toBe(0);
    expect(await db.count("conflict", "target_argument_id = $1 OR target_inference_id = $1", [a.id])).toBe(0);
    expect(await db.count("argument", "id = $1", [b.id])).toBe(1);
    const again = await db.gql(DELETE, { id }, { key: admin.secret });
    expect(code(again)).toBe("NOT_FOUND");
  });

  it("lists arguments by slug, filtered by author, conclusion, premise, scheme, source and text, with paging", async () => {
    const w = await world();
    const other = await make.stakeholder();
    const mk = (slug: string, values: Record<string, unknown>) =>
      make.argument({ slug, author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id], ...values });
    await mk("la-a", { scheme: "argument-from-sovereignty", quote: "Sovereignty first", quote_language: "en" });
    await mk("la-b", { author_id: other.id, premises: [w.p2.id], source_id: w.source.id });
    await mk("la-c", { conclusion_id: w.p3.id, scheme: "practical-reasoning", note: "100% certain" });
    const q = `query($filter: ArgumentFilter, $first: Int, $after: String) {
      arguments(filter: $filter, first: $first, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } }
    }`;
    const slugs = async (filter: Record<string, unknown>) => {
      const res = await db.gql(q, { filter });
      expect(res.errors).toBeUndefined();
      return res.data!.arguments.nodes.map((n: { slug: string }) => n.slug);
    };
    expect(await slugs({})).toEqual(["la-a", "la-b", "la-c"]);
    expect(await slugs({ author: [other.slug] })).toEqual(["la-b"]);
    expect(await slugs({ author: [other.slug, w.author.slug] })).toEqual(["la-a", "la-b", "la-c"]);
    expect(await slugs({ conclusion: w.p3.slug })).toEqual(["la-c"]);
    expect(await slugs({ premise: w.p2.slug })).toEqual(["la-b"]);
    expect(await slugs({ scheme: ["argument-from-sovereignty", "practical-reasoning"] })).toEqual(["la-a", "la-c"]);
    expect(await slugs({ source: w.source.slug })).toEqual(["la-b"]);
    expect(await slugs({ text: "sovereignty" })).toEqual(["la-a"]);
    expect(await slugs({ text: "100%" })).toEqual(["la-c"]);
    expect(await slugs({ author: ["nobody-by-that-slug"] })).toEqual([]);

    const page1 = await db.gql(q, { first: 2 });
    expect(page1.data!.arguments).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = await db.gql(q, { first: 2, after: page1.data!.arguments.pageInfo.endCursor });
    expect(page2.data!.arguments.nodes).toEqual([{ slug: "la-c" }]);
    const tooMany = await db.gql(q, { first: 101 });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("gives a position the arguments its stakeholder made for its proposition", async () => {
    const w = await world();
    const other = await make.stakeholder();
    const pos = await make.position({ stakeholder_id: w.author.id, proposition_id: w.c.id, slug: uniqueSlug("pos") });
    const otherPos = await make.position({ stakeholder_id: other.id, proposition_id: w.c.id, slug: uniqueSlug("pos") });
    await make.argument({ slug: "pa-old", author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p1.id], stated_on: "2022-01-01" });
    await make.argument({ slug: "pa-new", author_id: w.author.id, conclusion_id: w.c.id, premises: [w.p2.id], stated_on: "2023-01-01" });
    await make.argument({ slug: "pa-elsewhere", author_id: w.author.id, conclusion_id: w.p3.id, premises: [w.p1.id] });
    await make.argument({ slug: "pa-other", author_id: other.id, conclusion_id: w.p1.id, premises: [w.p2.id] });
    const res = await db.gql(
      `query($s: String!) { stakeholder(slug: $s) { positions { slug arguments { slug } } } }`,
      { s: w.author.slug },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.stakeholder.positions).toEqual([{ slug: pos.slug, arguments: [{ slug: "pa-new" }, { slug: "pa-old" }] }]);
    const others = await db.gql(`query($s: String!) { stakeholder(slug: $s) { positions { slug arguments { slug } } } }`, {
      s: other.slug,
    });
    expect(others.data!.stakeholder.positions).toEqual([{ slug: otherPos.slug, arguments: [] }]);
  });

  it("finds the arguments against a proposition through REBUT conflicts in either direction", async () => {
    const w = await world();
    const [p, q, r, s, u] = await Promise.all([0, 1, 2, 3, 4].map(() => make.proposition()));
    const arg = (slug: string, conclusion: { id: string }) =>
      make.argument({ slug, author_id: w.author.id, conclusion_id: conclusion.id, premises: [w.p1.id] });
    const forP = await arg("ag-for-p", p);
    const rebutsP = await arg("ag-rebuts-p", q); // attacks P directly
    await arg("ag-also-q", q); // concludes the same claim as ag-rebuts-p
    const forR = await arg("ag-for-r", r); // R is rebutted by P
    await arg("ag-for-s", s); // S rebuts an argument for P
    const rebutsArg = await arg("ag-rebuts-arg", u); // rebuts the argument for P
    await arg("ag-undermines", w.p3); // UNDERMINE: not against P's conclusion
    await make.conflict({ kind: "REBUT", attacker_argument_id: rebutsP.id, target_proposition_id: p.id });
    await make.conflict({ kind: "REBUT", attacker_proposition_id: p.id, target_proposition_id: r.id });
    await make.conflict({ kind: "REBUT", attacker_proposition_id: s.id, target_argument_id: forP.id });
    await make.conflict({ kind: "REBUT", attacker_argument_id: rebutsArg.id, target_argument_id: forP.id });
    await make.conflict({ kind: "UNDERMINE", attacker_proposition_id: w.p3.id, target_proposition_id: p.id });
    const res = await db.gql(
      `query($p: String!, $r: String!) {
        p: proposition(slug: $p) { argumentsFor { slug } argumentsAgainst { slug } attackedBy { kind } attacks { kind } }
        r: proposition(slug: $r) { argumentsAgainst { slug } }
      }`,
      { p: p.slug, r: r.slug },
    );
    expect(res.errors).toBeUndefined();
    const bySlug = (list: Array<{ slug: string }>) => list.map((a) => a.slug).sort();
    expect(bySlug(res.data!.p.argumentsFor)).toEqual(["ag-for-p"]);
    expect(bySlug(res.data!.p.argumentsAgainst)).toEqual(["ag-also-q", "ag-for-r", "ag-for-s", "ag-rebuts-arg", "ag-rebuts-p"]);
    expect(res.data!.p.attackedBy.map((c: { kind: string }) => c.kind).sort()).toEqual(["REBUT", "UNDERMINE"]);
    expect(res.data!.p.attacks).toEqual([{ kind: "REBUT" }]);
    expect(bySlug(res.data!.r.argumentsAgainst)).toEqual(["ag-for-p"]);
    expect(forR.slug).toBe("ag-for-r");
  });

  it("loads nested argument fields with as many statements for 3 arguments as for 30", async () => {
    const query = `query($s: String!) { stakeholder(slug: $s) { arguments(first: 40) {
      slug premises { slug argumentsAgainst(first: 3) { slug } premiseOf(first: 3) { slug } rephrases(first: 3) { slug } }
      conclusion { slug argumentsFor(first: 3) { slug } }
      author { slug } speaker { slug } source { slug }
      attacks(first: 3) { slug target { __typename } }
      attackedBy(first: 3) { slug attacker { __typename ... on Argument { slug } } }
    } positions(first: 40) { arguments(first: 3) { slug } } } }`;
    const build = async (n: number) => {
      const w = await world();
      const args = [];
      for (let i = 0; i < n; i++) {
        const pos = await make.position({ stakeholder_id: w.author.id, proposition_id: w.c.id, stated_on: `2023-01-${String((i % 28) + 1).padStart(2, "0")}` });
        args.push(
          await make.argument({
            author_id: w.author.id,
            conclusion_id: i % 2 ? w.c.id : w.p3.id,
            premises: [w.p1.id, w.p2.id],
            speaker_id: w.speaker.id,
            source_id: w.source.id,
          }),
        );
        expect(pos.id).toBeTruthy();
      }
      for (let i = 1; i < n; i++) await make.conflict({ kind: "REBUT", attacker_argument_id: args[i].id, target_argument_id: args[i - 1].id });
      await make.rephrase({ from_proposition_id: w.p1.id, to_proposition_id: w.p2.id });
      return w.author.slug;
    };
    const small = await db.gql(query, { s: await build(3) });
    const large = await db.gql(query, { s: await build(30) });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data!.stakeholder.arguments).toHaveLength(30);
    expect(large.statements).toBe(small.statements);
  });
});
