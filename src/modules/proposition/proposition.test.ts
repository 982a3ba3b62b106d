import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreatePropositionInput!) {
  createProposition(input: $input) { id slug text tags version createdBy }
}`;
const UPDATE = `mutation($input: UpdatePropositionInput!) {
  updateProposition(input: $input) { id slug text tags version updatedBy }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteProposition(id: $id, version: $version) { id } }`;

function paths(res: { errors?: Array<{ extensions?: Record<string, any> }> }): string[] {
  return res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
}

describe("propositions", () => {
  it("creates a proposition signed by the calling key, and reads it back by slug and by node id", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-prop");
    const slug = uniqueSlug("minusma-should-withdraw");
    const created = await db.gql(
      CREATE,
      { input: { slug, text: "  MINUSMA should withdraw from Mali without delay ", tags: ["peacekeeping", "sovereignty"] } },
      { key: key.secret },
    );
    expect(created.errors).toBeUndefined();
    const p = created.data!.createProposition;
    expect(p).toMatchObject({
      slug,
      text: "MINUSMA should withdraw from Mali without delay",
      tags: ["peacekeeping", "sovereignty"],
      version: 1,
      createdBy: "analyst-prop",
    });

    const read = await db.gql(
      `query($slug: String!, $id: ID!) {
        proposition(slug: $slug) { id text tags }
        node(id: $id) { id ... on Proposition { slug } }
      }`,
      { slug, id: p.id },
    );
    expect(read.data!.proposition).toEqual({ id: p.id, text: p.text, tags: p.tags });
    expect(read.data!.node).toEqual({ id: p.id, slug });
    const missing = await db.gql(`{ proposition(slug: "no-such-claim") { id } }`);
    expect(missing.data!.proposition).toBeNull();

    const untagged = await db.gql(CREATE, { input: { slug: uniqueSlug("plain"), text: "A claim" } }, { key: key.secret });
    expect(untagged.data!.createProposition.tags).toEqual([]);
  });

  it("filters by any of several tags and by text or slug, sorted by slug", async () => {
    await make.proposition({ slug: "pf-a-withdraw", text: "MINUSMA should withdraw", tags: ["peacekeeping", "sovereignty"] });
    await make.proposition({ slug: "pf-b-sanctions", text: "ECOWAS sanctions should be lifted", tags: ["sanctions"] });
    await make.proposition({ slug: "pf-c-wagner", text: "Wagner improves security", tags: ["security", "sovereignty"] });
    await make.proposition({ slug: "pf-d-literal", text: "Turnout above 50% is_enough" });

    const q = `query($filter: PropositionFilter) { propositions(filter: $filter) { totalCount nodes { slug } } }`;
    const slugs = async (filter: Record<string, unknown>) => {
      const res = await db.gql(q, { filter });
      expect(res.errors).toBeUndefined();
      return res.data!.propositions.nodes.map((n: { slug: string }) => n.slug);
    };
    expect(await slugs({ tag: ["sovereignty"] })).toEqual(["pf-a-withdraw", "pf-c-wagner"]);
    expect(await slugs({ tag: ["sanctions", "security"] })).toEqual(["pf-b-sanctions", "pf-c-wagner"]);
    expect(await slugs({ tag: ["nothing-tagged-so"] })).toEqual([]);
    expect(await slugs({ tag: [] })).toHaveLength(4);
    expect(await slugs({ text: "ecowas" })).toEqual(["pf-b-sanctions"]);
    expect(await slugs({ text: "pf-c" })).toEqual(["pf-c-wagner"]);
    expect(await slugs({ text: "50%" })).toEqual(["pf-d-literal"]);
    expect(await slugs({ text: "s_e" })).toEqual(["pf-d-literal"]);
    expect(await slugs({ text: "withdraw", tag: ["security"] })).toEqual([]);
    const total = await db.gql(`{ propositions(filter: { tag: ["sovereignty"] }) { totalCount } }`);
    expect(total.data!.propositions.totalCount).toBe(2);
  });

  it("pages with opaque cursors and refuses first above 100", async () => {
    for (let i = 0; i < 5; i++) await make.proposition({ slug: uniqueSlug(`pg-${i}`), tags: ["paging-test"] });
    const q = `query($after: String) {
      propositions(first: 3, after: $after, filter: { tag: ["paging-test"] }) {
        totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }`;
    const page1 = (await db.gql(q)).data!.propositions;
    expect(page1).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const page2 = (await db.gql(q, { after: page1.pageInfo.endCursor })).data!.propositions;
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = [...page1.edges, ...page2.edges].map((e: { node: { slug: string } }) => e.node.slug);
    expect(all).toHaveLength(5);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(5);

    const tooMany = await db.gql(`{ propositions(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("lists each proposition's positions newest first, by stance, in one statement for all propositions", async () => {
    const mali = await make.stakeholder();
    const france = await make.stakeholder();
    const props = [];
    for (let i = 0; i < 4; i++) {
      const p = await make.proposition({ slug: uniqueSlug(`pp-${i}`), tags: ["positions-test"] });
      props.push(p);
      await make.position({ stakeholder_id: mali.id, proposition_id: p.id, stance: "SUPPORT", stated_on: "2023-06-16" });
      await make.position({ stakeholder_id: france.id, proposition_id: p.id, stance: "OPPOSE", stated_on: "2023-06-30" });
      await make.position({ stakeholder_id: mali.id, proposition_id: p.id, stance: "NEUTRAL", stated_on: "2021-05-01" });
    }
    const q = `query($n: Int) {
      propositions(first: $n, filter: { tag: ["positions-test"] }) {
        nodes { slug positions(first: 2) { statedOn stance } supporters: positions(stance: [SUPPORT, NEUTRAL]) { statedOn } }
      }
    }`;
    const two = await db.gql(q, { n: 2 });
    expect(two.errors).toBeUndefined();
    const four = await db.gql(q, { n: 4 });
    for (const node of four.data!.propositions.nodes) {
      expect(node.positions).toEqual([
        { statedOn: "2023-06-30", stance: "OPPOSE" },
        { statedOn: "2023-06-16", stance: "SUPPORT" },
      ]);
      expect(node.supporters).toEqual([{ statedOn: "2023-06-16" }, { statedOn: "2021-05-01" }]);
    }
    // The page, then one statement per distinct positions(...) selection, whatever the number of propositions.
    expect(four.statements).toBe(3);
    expect(two.statements).toBe(3);
  });

  it("refuses writes without a key, and deletes without the admin role", async () => {
    const input = { slug: uniqueSlug("anon"), text: "Anonymous claim" };
    const anonymous = await db.gql(CREATE, { input });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("proposition", "slug = $1", [input.slug])).toBe(0);

    const p = await make.proposition();
    const anonUpdate = await db.gql(UPDATE, { input: { id: p.id, version: 1, text: "X" } });
    expect(anonUpdate.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const editor = await make.apiKey(Role.EDITOR);
    const del = await db.gql(DELETE, { id: p.id }, { key: editor.secret });
    expect(del.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("proposition", "id = $1", [p.id])).toBe(1);
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const before = await db.count("proposition");
    const res = await db.gql(
      CREATE,
      { input: { slug: "-bad-", text: "x".repeat(2001), tags: ["ok-tag", "Not Kebab", "", "ok-tag"] } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.slug", "input.text", "input.tags[1]", "input.tags[2]", "input.tags[3]"]);
    expect(res.errors![0].extensions!.issues[4].message).toMatch(/repeats tags\[0\]/);
    expect(await db.count("proposition")).toBe(before);

    const blank = await db.gql(CREATE, { input: { slug: uniqueSlug("blank"), text: "   " } }, { key: key.secret });
    expect(paths(blank)).toEqual(["input.text"]);
    const longest = await db.gql(CREATE, { input: { slug: uniqueSlug("long"), text: "y".repeat(2000) } }, { key: key.secret });
    expect(longest.errors).toBeUndefined();
    expect(await db.count("proposition")).toBe(before + 1);
  });

  it("answers CONFLICT for a duplicate slug, and writes nothing", async () => {
    const key = await make.apiKey();
    const existing = await make.proposition();
    const before = await db.count("proposition");
    const res = await db.gql(CREATE, { input: { slug: existing.slug, text: "Again" } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("proposition")).toBe(before);
  });

  it("updates only the fields sent; a stale version is a CONFLICT; null for a required field is refused", async () => {
    const a = await make.apiKey(Role.EDITOR, "analyst-a");
    const b = await make.apiKey(Role.EDITOR, "analyst-b");
    const p = await make.proposition({ text: "Original", tags: ["one"] });
    const first = await db.gql(UPDATE, { input: { id: p.id, version: 1, tags: ["one", "two"] } }, { key: a.secret });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateProposition).toMatchObject({ text: "Original", tags: ["one", "two"], version: 2, updatedBy: "analyst-a" });

    const stale = await db.gql(UPDATE, { input: { id: p.id, version: 1, text: "Stale" } }, { key: b.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });

    const nulls = await db.gql(UPDATE, { input: { id: p.id, version: 2, slug: null, text: null, tags: null } }, { key: a.secret });
    expect(paths(nulls)).toEqual(["input.slug", "input.text", "input.tags"]);
    const cleared = await db.gql(UPDATE, { input: { id: p.id, version: 2, tags: [] } }, { key: a.secret });
    expect(cleared.data!.updateProposition).toMatchObject({ tags: [], version: 3 });

    const other = await make.proposition();
    const dup = await db.gql(UPDATE, { input: { id: p.id, version: 3, slug: other.slug } }, { key: a.secret });
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");
    const [row] = await db.manager.query(`SELECT slug, text, version FROM proposition WHERE id = $1`, [p.id]);
    expect(row).toEqual({ slug: p.slug, text: "Original", version: 3 });

    const missing = await db.gql(UPDATE, { input: { id: "00000000-0000-4000-8000-000000000000", version: 1, text: "Nobody" } }, { key: a.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  it("refuses to delete a proposition that positions or events refer to, and deletes a free one", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const held = await make.proposition();
    await make.position({ stakeholder_id: (await make.stakeholder()).id, proposition_id: held.id });
    const motion = await make.proposition();
    await make.event({ kind: "VOTE", motion_id: motion.id });
    for (const p of [held, motion]) {
      const refused = await db.gql(DELETE, { id: p.id }, { key: admin.secret });
      expect(refused.errors![0].extensions!.code).toBe("CONFLICT");
      expect(await db.count("proposition", "id = $1", [p.id])).toBe(1);
    }

    const free = await make.proposition();
    const ok = await db.gql(DELETE, { id: free.id, version: 1 }, { key: admin.secret });
    expect(ok.errors).toBeUndefined();
    expect(await db.count("proposition", "id = $1", [free.id])).toBe(0);
    const again = await db.gql(DELETE, { id: free.id }, { key: admin.secret });
    expect(again.errors![0].extensions!.code).toBe("NOT_FOUND");
  });
});
