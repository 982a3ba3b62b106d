import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreateSourceInput!) {
  createSource(input: $input) {
    id slug kind title publisher author publishedOn url documentSymbol language version createdBy
  }
}`;
const UPDATE = `mutation($input: UpdateSourceInput!) {
  updateSource(input: $input) { id title publisher url version updatedBy }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteSource(id: $id, version: $version) { id } }`;

const RESOLUTION = {
  kind: "UN_DOCUMENT",
  title: "Resolution 2690 (2023)",
  publisher: "United Nations Security Council",
  publishedOn: "2023-06-30",
  url: "https://undocs.org/S/RES/2690(2023)",
  documentSymbol: "S/RES/2690 (2023)",
  language: "en",
};

function paths(res: { errors?: Array<{ extensions?: Record<string, any> }> }): string[] {
  return res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
}

describe("sources", () => {
  it("creates a source signed by the calling key, and reads it back by slug and by node id", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-src");
    const slug = uniqueSlug("s-res-2690");
    const created = await db.gql(CREATE, { input: { slug, ...RESOLUTION, title: "  Resolution 2690 (2023) " } }, { key: key.secret });
    expect(created.errors).toBeUndefined();
    const s = created.data!.createSource;
    expect(s).toMatchObject({ slug, ...RESOLUTION, author: null, version: 1, createdBy: "analyst-src" });

    const read = await db.gql(
      `query($slug: String!, $id: ID!) {
        source(slug: $slug) { id title documentSymbol publishedOn }
        node(id: $id) { id ... on Source { slug } }
      }`,
      { slug, id: s.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.source).toEqual({ id: s.id, title: RESOLUTION.title, documentSymbol: "S/RES/2690 (2023)", publishedOn: "2023-06-30" });
    expect(read.data!.node).toEqual({ id: s.id, slug });
    const missing = await db.gql(`{ source(slug: "no-such-source") { id } }`);
    expect(missing.data!.source).toBeNull();
  });

  it("filters by kind, text, exact document symbol and publication dates, sorted by slug", async () => {
    await make.source({ slug: "flt-a-resolution", kind: "UN_DOCUMENT", title: "Resolution 2690", document_symbol: "S/RES/2690 (2023)", published_on: "2023-06-30" });
    await make.source({ slug: "flt-b-report", kind: "REPORT", title: "Mali: a year of transition", publisher: "Crisis Group", published_on: "2022-05-01" });
    await make.source({ slug: "flt-c-article", kind: "NEWS_ARTICLE", title: "Wagner in Moura", author: "Jane Reporter", published_on: "2022-04-05" });
    await make.source({ slug: "flt-d-undated", kind: "REPORT", title: "Undated 100% report_x" });

    const q = `query($filter: SourceFilter) { sources(filter: $filter) { totalCount nodes { slug } } }`;
    const slugs = async (filter: Record<string, unknown>) => {
      const res = await db.gql(q, { filter });
      expect(res.errors).toBeUndefined();
      return res.data!.sources.nodes.map((n: { slug: string }) => n.slug);
    };
    expect(await slugs({ kind: ["REPORT", "NEWS_ARTICLE"] })).toEqual(["flt-b-report", "flt-c-article", "flt-d-undated"]);
    expect(await slugs({ text: "crisis" })).toEqual(["flt-b-report"]);
    expect(await slugs({ text: "reporter" })).toEqual(["flt-c-article"]);
    expect(await slugs({ text: "s/res/2690" })).toEqual(["flt-a-resolution"]);
    // LIKE wildcards in the text match literally.
    expect(await slugs({ text: "100%" })).toEqual(["flt-d-undated"]);
    expect(await slugs({ text: "_x" })).toEqual(["flt-d-undated"]);
    expect(await slugs({ documentSymbol: "S/RES/2690 (2023)" })).toEqual(["flt-a-resolution"]);
    expect(await slugs({ documentSymbol: "S/RES/2690" })).toEqual([]);
    expect(await slugs({ from: "2022-04-05", to: "2022-05-01" })).toEqual(["flt-b-report", "flt-c-article"]);
    expect(await slugs({ from: "2023-01-01" })).toEqual(["flt-a-resolution"]);
    expect(await slugs({ to: "2022-04-30", kind: ["NEWS_ARTICLE", "UN_DOCUMENT"] })).toEqual(["flt-c-article"]);

    const backwards = await db.gql(q, { filter: { from: "2023-01-01", to: "2022-01-01" } });
    expect(backwards.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.to" });
    const badDate = await db.gql(q, { filter: { from: "2023-02-30" } });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("pages with opaque cursors and a totalCount, and refuses first above 100", async () => {
    for (let i = 0; i < 5; i++) await make.source({ slug: uniqueSlug(`pg-survey-${i}`), kind: "SURVEY" });
    const q = `query($after: String, $first: Int) {
      sources(first: $first, after: $after, filter: { kind: [SURVEY] }) {
        totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }`;
    const page1 = (await db.gql(q, { first: 2 })).data!.sources;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const page2 = (await db.gql(q, { first: 10, after: page1.pageInfo.endCursor })).data!.sources;
    expect(page2.edges).toHaveLength(3);
    expect(page2.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const all = [...page1.edges, ...page2.edges].map((e: { node: { slug: string } }) => e.node.slug);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(5);

    const tooMany = await db.gql(`{ sources(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await db.gql(`{ sources(after: "nope") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("lists the positions citing each source newest first, in one statement for all sources", async () => {
    const sh = await make.stakeholder();
    const prop = await make.proposition();
    const sources = [];
    for (let i = 0; i < 4; i++) {
      const src = await make.source({ slug: uniqueSlug(`cited-${i}`), kind: "SPEECH" });
      sources.push(src);
      for (const [day, stance] of [["2023-06-16", "OPPOSE"], ["2023-06-30", "SUPPORT"], ["2022-01-10", "MIXED"]]) {
        await make.position({ stakeholder_id: sh.id, proposition_id: prop.id, source_id: src.id, stated_on: day, stance });
      }
    }
    await make.position({ stakeholder_id: sh.id, proposition_id: prop.id, stated_on: "2024-01-01" });

    const q = `query($first: Int, $n: Int) {
      sources(first: $n, filter: { kind: [SPEECH] }) { nodes { slug positions(first: $first) { statedOn stance } } }
    }`;
    const two = await db.gql(q, { n: 2, first: 2 });
    expect(two.errors).toBeUndefined();
    const four = await db.gql(q, { n: 4, first: 2 });
    expect(four.data!.sources.nodes).toHaveLength(4);
    for (const node of four.data!.sources.nodes) {
      expect(node.positions).toEqual([
        { statedOn: "2023-06-30", stance: "SUPPORT" },
        { statedOn: "2023-06-16", stance: "OPPOSE" },
      ]);
    }
    // One statement for the page, one for the positions of every source on it.
    expect(four.statements).toBe(2);
    expect(two.statements).toBe(2);

    const filtered = await db.gql(`query($slug: String!) { source(slug: $slug) { positions(stance: [MIXED]) { statedOn } } }`, { slug: sources[0].slug });
    expect(filtered.data!.source.positions).toEqual([{ statedOn: "2022-01-10" }]);
    const uncited = await make.source();
    const none = await db.gql(`query($slug: String!) { source(slug: $slug) { positions { statedOn } } }`, { slug: uncited.slug });
    expect(none.data!.source.positions).toEqual([]);
  });

  it("refuses writes without a key, and deletes without the admin role", async () => {
    const input = { slug: uniqueSlug("anon"), kind: "REPORT", title: "Anonymous" };
    const anonymous = await db.gql(CREATE, { input });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("source", "slug = $1", [input.slug])).toBe(0);

    const src = await make.source();
    const anonUpdate = await db.gql(UPDATE, { input: { id: src.id, version: 1, title: "X" } });
    expect(anonUpdate.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const editor = await make.apiKey(Role.EDITOR);
    const del = await db.gql(DELETE, { id: src.id }, { key: editor.secret });
    expect(del.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("source", "id = $1", [src.id])).toBe(1);
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const before = await db.count("source");
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: "Not A Slug",
          kind: "REPORT",
          title: " ",
          publisher: "",
          url: "ftp://example.org/report.pdf",
          language: "FR",
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.slug", "input.title", "input.publisher", "input.url", "input.language"]);
    expect(await db.count("source")).toBe(before);

    const badDate = await db.gql(CREATE, { input: { slug: uniqueSlug("x"), kind: "REPORT", title: "X", publishedOn: "2023-02-30" } }, { key: key.secret });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(badDate.errors![0].message).toMatch(/publishedOn|YYYY-MM-DD/);
    const badKind = await db.gql(CREATE, { input: { slug: uniqueSlug("x"), kind: "TWEET", title: "X" } }, { key: key.secret });
    expect(badKind.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await db.count("source")).toBe(before);
  });

  it("answers CONFLICT for a duplicate slug, and writes nothing", async () => {
    const key = await make.apiKey();
    const existing = await make.source();
    const before = await db.count("source");
    const res = await db.gql(CREATE, { input: { slug: existing.slug, kind: "REPORT", title: "Again" } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("source")).toBe(before);
  });

  it("updates only the fields sent, clears optional ones with null, and refuses null for required ones", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-upd");
    const src = await make.source({ title: "Old title", publisher: "UN", url: "https://example.org/a" });
    const ok = await db.gql(UPDATE, { input: { id: src.id, version: 1, title: "New title", url: null } }, { key: key.secret });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateSource).toMatchObject({ title: "New title", publisher: "UN", url: null, version: 2, updatedBy: "analyst-upd" });

    const bad = await db.gql(
      UPDATE,
      { input: { id: ok.data!.updateSource.id, version: 2, title: null, slug: null, kind: null, language: "english" } },
      { key: key.secret },
    );
    expect(paths(bad)).toEqual(["input.slug", "input.title", "input.kind", "input.language"]);
    const [row] = await db.manager.query(`SELECT title, version FROM source WHERE id = $1`, [src.id]);
    expect(row).toEqual({ title: "New title", version: 2 });

    const wrongType = await db.gql(UPDATE, { input: { id: "U3Rha2Vob2xkZXI6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw", version: 1, title: "X" } }, { key: key.secret });
    expect(wrongType.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
  });

  it("answers CONFLICT for a stale version (naming the current one), a duplicate slug, and NOT_FOUND for an unknown id", async () => {
    const a = await make.apiKey(Role.EDITOR, "analyst-a");
    const b = await make.apiKey(Role.EDITOR, "analyst-b");
    const src = await make.source({ title: "First" });
    const other = await make.source();
    const first = await db.gql(UPDATE, { input: { id: src.id, version: 1, title: "Second" } }, { key: a.secret });
    expect(first.data!.updateSource.version).toBe(2);
    const stale = await db.gql(UPDATE, { input: { id: src.id, version: 1, title: "Stale" } }, { key: b.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });
    const dup = await db.gql(UPDATE, { input: { id: src.id, version: 2, slug: other.slug } }, { key: a.secret });
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");
    const [row] = await db.manager.query(`SELECT slug, title, version FROM source WHERE id = $1`, [src.id]);
    expect(row).toEqual({ slug: src.slug, title: "Second", version: 2 });

    const missing = await db.gql(UPDATE, { input: { id: "00000000-0000-4000-8000-000000000000", version: 1, title: "Nobody" } }, { key: a.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  it("refuses to delete a source that a position, event or affiliation cites, and deletes a free one", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const sh = await make.stakeholder();
    const other = await make.stakeholder();
    const prop = await make.proposition();
    const byPosition = await make.source();
    await make.position({ stakeholder_id: sh.id, proposition_id: prop.id, source_id: byPosition.id });
    const byEvent = await make.source();
    await make.event({ source_id: byEvent.id });
    const byAffiliation = await make.source();
    await make.affiliation({ subject_id: sh.id, object_id: other.id, source_id: byAffiliation.id });

    for (const cited of [byPosition, byEvent, byAffiliation]) {
      const refused = await db.gql(DELETE, { id: cited.id }, { key: admin.secret });
      expect(refused.errors![0].extensions!.code).toBe("CONFLICT");
      expect(await db.count("source", "id = $1", [cited.id])).toBe(1);
    }

    const free = await make.source();
    const stale = await db.gql(DELETE, { id: free.id, version: 7 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    const ok = await db.gql(DELETE, { id: free.id, version: 1 }, { key: admin.secret });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.deleteSource.id).toBe(free.id);
    expect(await db.count("source", "id = $1", [free.id])).toBe(0);
    const again = await db.gql(DELETE, { id: free.id }, { key: admin.secret });
    expect(again.errors![0].extensions!.code).toBe("NOT_FOUND");
  });
});
