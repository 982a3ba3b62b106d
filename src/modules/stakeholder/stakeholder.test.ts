import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) { id slug name kind countryCode aliases externalIds { scheme value } version createdBy }
}`;
const UPDATE = `mutation($input: UpdateStakeholderInput!) { updateStakeholder(input: $input) { id name version updatedBy } }`;

describe("stakeholders", () => {
  it("creates a stakeholder signed by the calling key, and reads it back by slug and by node id", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-1");
    const slug = uniqueSlug("ecowas");
    const created = await db.gql(
      CREATE,
      {
        input: {
          slug,
          name: "ECOWAS",
          kind: "INTERGOVERNMENTAL_ORGANIZATION",
          aliases: ["CEDEAO"],
          externalIds: [{ scheme: "wikidata", value: "Q161549" }],
        },
      },
      { key: key.secret },
    );
    expect(created.errors).toBeUndefined();
    const s = created.data!.createStakeholder;
    expect(s).toMatchObject({ slug, name: "ECOWAS", version: 1, createdBy: "analyst-1", aliases: ["CEDEAO"] });

    const read = await db.gql(`query($slug: String!, $id: ID!) {
      stakeholder(slug: $slug) { id name externalIds { scheme value } }
      node(id: $id) { id ... on Stakeholder { slug } }
    }`, { slug, id: s.id });
    expect(read.data!.stakeholder).toEqual({ id: s.id, name: "ECOWAS", externalIds: [{ scheme: "wikidata", value: "Q161549" }] });
    expect(read.data!.node).toEqual({ id: s.id, slug });
  });

  it("refuses writes without a key, with an unknown key, and deletes without the admin role", async () => {
    const input = { slug: uniqueSlug("x"), name: "X", kind: "STATE" };
    const anonymous = await db.gql(CREATE, { input });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const unknown = await db.gql(CREATE, { input }, { key: "sg_not-a-key" });
    expect(unknown.errors![0].extensions!.code).toBe("UNAUTHENTICATED");

    const editor = await make.apiKey(Role.EDITOR);
    const s = await make.stakeholder();
    const del = await db.gql(`mutation($id: ID!) { deleteStakeholder(id: $id) { id } }`, { id: s.id }, { key: editor.secret });
    expect(del.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("stakeholder", "id = $1", [s.id])).toBe(1);
    expect(await db.count("stakeholder", "slug = $1", [input.slug])).toBe(0);
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const before = await db.count("stakeholder");
    const res = await db.gql(
      CREATE,
      { input: { slug: "Not A Slug", name: " ", kind: "STATE", countryCode: "ml", externalIds: [{ scheme: "", value: "Q1" }] } },
      { key: key.secret },
    );
    const err = res.errors![0];
    expect(err.extensions!.code).toBe("BAD_USER_INPUT");
    expect(err.extensions!.issues.map((i: { path: string }) => i.path)).toEqual([
      "input.slug",
      "input.name",
      "input.countryCode",
      "input.externalIds[0].scheme",
    ]);
    expect(await db.count("stakeholder")).toBe(before);
  });

  it("refuses an unknown enum value before anything runs", async () => {
    const key = await make.apiKey();
    const res = await db.gql(CREATE, { input: { slug: uniqueSlug("x"), name: "X", kind: "EMPIRE" } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].message).toMatch(/kind/);
  });

  it("answers CONFLICT for a duplicate slug", async () => {
    const key = await make.apiKey();
    const existing = await make.stakeholder();
    const res = await db.gql(CREATE, { input: { slug: existing.slug, name: "Again", kind: "STATE" } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("stakeholder", "slug = $1", [existing.slug])).toBe(1);
  });

  it("updates with optimistic concurrency: a stale version is a CONFLICT that names the current one", async () => {
    const a = await make.apiKey(Role.EDITOR, "analyst-a");
    const b = await make.apiKey(Role.EDITOR, "analyst-b");
    const created = await db.gql(CREATE, { input: { slug: uniqueSlug("mali"), name: "Mali", kind: "STATE" } }, { key: a.secret });
    const id = created.data!.createStakeholder.id;

    const first = await db.gql(UPDATE, { input: { id, version: 1, name: "Republic of Mali" } }, { key: a.secret });
    expect(first.data!.updateStakeholder).toMatchObject({ name: "Republic of Mali", version: 2, updatedBy: "analyst-a" });

    const stale = await db.gql(UPDATE, { input: { id, version: 1, name: "Mali (stale)" } }, { key: b.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });
    const after = await db.gql(`query($id: ID!) { node(id: $id) { ... on Stakeholder { name version } } }`, { id });
    expect(after.data!.node).toEqual({ name: "Republic of Mali", version: 2 });
  });

  it("answers NOT_FOUND for an update of a record that does not exist", async () => {
    const key = await make.apiKey();
    const res = await db.gql(
      UPDATE,
      { input: { id: "00000000-0000-4000-8000-000000000000", version: 1, name: "Nobody" } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  it("refuses to delete a stakeholder that positions refer to, and deletes one that nothing refers to", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const held = await make.stakeholder();
    const p = await make.proposition();
    await make.position({ stakeholder_id: held.id, proposition_id: p.id });
    const refused = await db.gql(`mutation($id: ID!) { deleteStakeholder(id: $id) { id } }`, { id: held.id }, { key: admin.secret });
    expect(refused.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("stakeholder", "id = $1", [held.id])).toBe(1);

    const free = await make.stakeholder();
    const ok = await db.gql(`mutation($id: ID!) { deleteStakeholder(id: $id) { id } }`, { id: free.id }, { key: admin.secret });
    expect(ok.errors).toBeUndefined();
    expect(await db.count("stakeholder", "id = $1", [free.id])).toBe(0);
  });

  it("pages with opaque cursors and a totalCount, and refuses first above 100", async () => {
    const kind = "MEDIA";
    for (let i = 0; i < 5; i++) await make.stakeholder({ kind, slug: uniqueSlug(`zz-media-${i}`) });
    const page1 = await db.gql(`{ stakeholders(first: 2, filter: { kind: [MEDIA] }) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`);
    const c1 = page1.data!.stakeholders;
    expect(c1.totalCount).toBe(5);
    expect(c1.edges).toHaveLength(2);
    expect(c1.pageInfo.hasNextPage).toBe(true);
    const page2 = await db.gql(`query($after: String) { stakeholders(first: 10, after: $after, filter: { kind: [MEDIA] }) { edges { node { slug } } pageInfo { hasNextPage hasPreviousPage } } }`, { after: c1.pageInfo.endCursor });
    const c2 = page2.data!.stakeholders;
    expect(c2.edges).toHaveLength(3);
    expect(c2.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    const all = [...c1.edges, ...c2.edges].map((e: { node: { slug: string } }) => e.node.slug);
    expect(new Set(all).size).toBe(5);

    const tooMany = await db.gql(`{ stakeholders(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await db.gql(`{ stakeholders(after: "nope") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
