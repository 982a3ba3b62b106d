import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreateAffiliationInput!) {
  createAffiliation(input: $input) {
    id kind role validFrom validTo note version createdBy
    subject { slug } object { slug } source { slug }
  }
}`;
const UPDATE = `mutation($input: UpdateAffiliationInput!) {
  updateAffiliation(input: $input) {
    id kind role validFrom validTo note version updatedBy subject { slug } object { slug } source { slug }
  }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteAffiliation(id: $id, version: $version) { id } }`;
const LIST = `query($filter: AffiliationFilter, $first: Int, $after: String) {
  affiliations(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { kind validFrom subject { slug } object { slug } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

function paths(res: { errors?: Array<{ extensions?: Record<string, any> }> }): string[] {
  return res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);
}

async function mali() {
  return {
    mali: await make.stakeholder({ slug: uniqueSlug("mali"), name: "Mali" }),
    aes: await make.stakeholder({ slug: uniqueSlug("aes"), name: "Alliance of Sahel States", kind: "INTERGOVERNMENTAL_ORGANIZATION" }),
    ecowas: await make.stakeholder({ slug: uniqueSlug("ecowas"), name: "ECOWAS", kind: "INTERGOVERNMENTAL_ORGANIZATION" }),
  };
}

describe("affiliations", () => {
  it("creates an affiliation by slugs, signed by the calling key, with its subject, object and source", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-aff");
    const { mali: m, aes } = await mali();
    const charter = await make.source({ slug: uniqueSlug("liptako-gourma-charter") });
    const created = await db.gql(
      CREATE,
      {
        input: {
          subject: m.slug,
          object: aes.slug,
          kind: "PART_OF",
          role: " Founding member ",
          validFrom: "2023-09-16",
          source: charter.slug,
          note: "Liptako-Gourma Charter",
        },
      },
      { key: key.secret },
    );
    expect(created.errors).toBeUndefined();
    const a = created.data!.createAffiliation;
    expect(a).toMatchObject({
      kind: "PART_OF",
      role: "Founding member",
      validFrom: "2023-09-16",
      validTo: null,
      note: "Liptako-Gourma Charter",
      version: 1,
      createdBy: "analyst-aff",
      subject: { slug: m.slug },
      object: { slug: aes.slug },
      source: { slug: charter.slug },
    });
    const node = await db.gql(`query($id: ID!) { node(id: $id) { id ... on Affiliation { kind subject { name } } } }`, { id: a.id });
    expect(node.data!.node).toEqual({ id: a.id, kind: "PART_OF", subject: { name: "Mali" } });

    const unsourced = await db.gql(CREATE, { input: { subject: m.slug, object: aes.slug, kind: "ALLIED_WITH" } }, { key: key.secret });
    expect(unsourced.data!.createAffiliation).toMatchObject({ source: null, validFrom: null, role: null });
  });

  it("filters by subject, object, kind and the date the relation holds on", async () => {
    const { mali: m, aes, ecowas } = await mali();
    const niger = await make.stakeholder({ slug: uniqueSlug("niger") });
    await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "MEMBER_OF", valid_from: "1975-05-28", valid_to: "2024-01-28" });
    await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "SUSPENDED_FROM", valid_from: "2021-05-30" });
    await make.affiliation({ subject_id: m.id, object_id: aes.id, kind: "PART_OF", valid_from: "2023-09-16" });
    await make.affiliation({ subject_id: niger.id, object_id: aes.id, kind: "PART_OF", valid_from: "2023-09-16" });

    const list = async (filter: Record<string, unknown>) => {
      const res = await db.gql(LIST, { filter });
      expect(res.errors).toBeUndefined();
      return res.data!.affiliations.edges.map(
        (e: { node: { kind: string; subject: { slug: string }; object: { slug: string } } }) =>
          `${e.node.subject.slug} ${e.node.kind} ${e.node.object.slug}`,
      );
    };
    expect(await list({ subject: m.slug })).toEqual([
      `${m.slug} MEMBER_OF ${ecowas.slug}`,
      `${m.slug} SUSPENDED_FROM ${ecowas.slug}`,
      `${m.slug} PART_OF ${aes.slug}`,
    ]);
    expect(await list({ object: aes.slug })).toHaveLength(2);
    expect(await list({ object: aes.slug, subject: niger.slug })).toEqual([`${niger.slug} PART_OF ${aes.slug}`]);
    expect(await list({ kind: ["MEMBER_OF", "SUSPENDED_FROM"], subject: m.slug })).toHaveLength(2);
    expect(await list({ subject: "nobody-has-this-slug" })).toEqual([]);
    // An open end holds; both ends are inclusive.
    expect(await list({ subject: m.slug, at: "2023-09-15" })).toEqual([
      `${m.slug} MEMBER_OF ${ecowas.slug}`,
      `${m.slug} SUSPENDED_FROM ${ecowas.slug}`,
    ]);
    expect(await list({ subject: m.slug, at: "2023-09-16" })).toHaveLength(3);
    expect(await list({ subject: m.slug, at: "2024-01-28" })).toHaveLength(3);
    expect(await list({ subject: m.slug, at: "2024-01-29" })).toEqual([
      `${m.slug} SUSPENDED_FROM ${ecowas.slug}`,
      `${m.slug} PART_OF ${aes.slug}`,
    ]);
    const total = await db.gql(`query($s: String) { affiliations(filter: { object: $s, at: "2023-01-01" }) { totalCount } }`, { s: aes.slug });
    expect(total.data!.affiliations.totalCount).toBe(0);
    const badDate = await db.gql(LIST, { filter: { at: "2023-13-01" } });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("holds in Stakeholder.affiliations(at) and members(at) from its first day", async () => {
    const { mali: m, aes } = await mali();
    await make.affiliation({ subject_id: m.id, object_id: aes.id, kind: "PART_OF", valid_from: "2023-09-16" });
    const q = `query($m: String!, $aes: String!, $at: Date) {
      mali: stakeholder(slug: $m) { affiliations(at: $at, kind: [PART_OF]) { kind object { slug } } }
      aes: stakeholder(slug: $aes) { members(at: $at) { subject { slug } } }
    }`;
    const before = await db.gql(q, { m: m.slug, aes: aes.slug, at: "2023-09-15" });
    expect(before.errors).toBeUndefined();
    expect(before.data!.mali.affiliations).toEqual([]);
    expect(before.data!.aes.members).toEqual([]);
    const on = await db.gql(q, { m: m.slug, aes: aes.slug, at: "2023-09-16" });
    expect(on.data!.mali.affiliations).toEqual([{ kind: "PART_OF", object: { slug: aes.slug } }]);
    expect(on.data!.aes.members).toEqual([{ subject: { slug: m.slug } }]);
    const always = await db.gql(q, { m: m.slug, aes: aes.slug, at: null });
    expect(always.data!.mali.affiliations).toHaveLength(1);
  });

  it("pages in validFrom order (undated first) with cursors that survive ties, and refuses first above 100", async () => {
    const org = await make.stakeholder({ slug: uniqueSlug("council") });
    const dates = [null, null, "2020-01-01", "2020-01-01", "2020-01-01", "2023-06-30", null];
    for (const d of dates) {
      const member = await make.stakeholder();
      await make.affiliation({ subject_id: member.id, object_id: org.id, kind: "ELECTED_MEMBER_OF", valid_from: d });
    }
    const seen: Array<string | null> = [];
    const subjects = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await db.gql(LIST, { filter: { object: org.slug }, first: 2, after });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.affiliations;
      expect(conn.totalCount).toBe(7);
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      for (const e of conn.edges) {
        seen.push(e.node.validFrom);
        subjects.add(e.node.subject.slug);
      }
      pages += 1;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual([null, null, null, "2020-01-01", "2020-01-01", "2020-01-01", "2023-06-30"]);
    expect(subjects.size).toBe(7);

    const tooMany = await db.gql(`{ affiliations(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await db.gql(`{ affiliations(after: "nope") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("loads subjects, objects and sources of a whole page in one statement each", async () => {
    const org = await make.stakeholder({ slug: uniqueSlug("batch-org") });
    for (let i = 0; i < 6; i++) {
      const member = await make.stakeholder();
      const src = await make.source();
      await make.affiliation({ subject_id: member.id, object_id: org.id, source_id: src.id, valid_from: `2020-01-0${i + 1}` });
    }
    const q = `query($s: String, $n: Int) {
      affiliations(first: $n, filter: { object: $s }) { nodes { subject { slug } object { slug } source { slug } } }
    }`;
    const two = await db.gql(q, { s: org.slug, n: 2 });
    const six = await db.gql(q, { s: org.slug, n: 6 });
    expect(six.errors).toBeUndefined();
    expect(six.data!.affiliations.nodes).toHaveLength(6);
    for (const n of six.data!.affiliations.nodes) {
      expect(n.object.slug).toBe(org.slug);
      expect(n.source.slug).toMatch(/^src-/);
    }
    // The page, the stakeholders (both ends share a loader), the sources.
    expect(six.statements).toBe(3);
    expect(two.statements).toBe(3);
  });

  it("refuses writes without a key, and deletes without the admin role; an admin deletes", async () => {
    const { mali: m, aes } = await mali();
    const anonymous = await db.gql(CREATE, { input: { subject: m.slug, object: aes.slug, kind: "PART_OF" } });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("affiliation", "subject_id = $1", [m.id])).toBe(0);

    const a = await make.affiliation({ subject_id: m.id, object_id: aes.id });
    const anonUpdate = await db.gql(UPDATE, { input: { id: a.id, version: 1, role: "x" } });
    expect(anonUpdate.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const editor = await make.apiKey(Role.EDITOR);
    const forbidden = await db.gql(DELETE, { id: a.id }, { key: editor.secret });
    expect(forbidden.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("affiliation", "id = $1", [a.id])).toBe(1);

    const admin = await make.apiKey(Role.ADMIN);
    const stale = await db.gql(DELETE, { id: a.id, version: 2 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    const ok = await db.gql(DELETE, { id: a.id, version: 1 }, { key: admin.secret });
    expect(ok.errors).toBeUndefined();
    expect(await db.count("affiliation", "id = $1", [a.id])).toBe(0);
    const again = await db.gql(DELETE, { id: a.id }, { key: admin.secret });
    expect(again.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const { mali: m } = await mali();
    const before = await db.count("affiliation");
    const res = await db.gql(
      CREATE,
      { input: { subject: m.slug, object: m.slug, kind: "LEADS", role: "  ", validFrom: "2023-09-16", validTo: "2023-09-15", note: "n".repeat(2001) } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.object", "input.role", "input.note", "input.validTo"]);
    const empty = await db.gql(CREATE, { input: { subject: "", object: m.slug, kind: "LEADS" } }, { key: key.secret });
    expect(paths(empty)).toEqual(["input.subject"]);
    const badDate = await db.gql(CREATE, { input: { subject: m.slug, object: "x", kind: "LEADS", validFrom: "2023-02-29" } }, { key: key.secret });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const badKind = await db.gql(CREATE, { input: { subject: m.slug, object: "x", kind: "LIKES" } }, { key: key.secret });
    expect(badKind.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await db.count("affiliation")).toBe(before);
  });

  it("answers NOT_FOUND listing every unknown stakeholder and source with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const { mali: m } = await mali();
    const before = await db.count("affiliation");
    const res = await db.gql(
      CREATE,
      { input: { subject: "no-such-person", object: "no-such-government", kind: "REPRESENTS", source: "no-such-source" } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(res).sort()).toEqual(["input.object", "input.source", "input.subject"]);
    const one = await db.gql(CREATE, { input: { subject: m.slug, object: "no-such-government", kind: "REPRESENTS" } }, { key: key.secret });
    expect(one.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.object" });
    expect(await db.count("affiliation")).toBe(before);
  });

  it("answers CONFLICT for the same subject, object, kind and start (undated included), and writes nothing", async () => {
    const key = await make.apiKey();
    const { mali: m, ecowas } = await mali();
    await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "MEMBER_OF", valid_from: "1975-05-28" });
    await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "SANCTIONS" });
    const before = await db.count("affiliation");
    const dated = await db.gql(CREATE, { input: { subject: m.slug, object: ecowas.slug, kind: "MEMBER_OF", validFrom: "1975-05-28", role: "again" } }, { key: key.secret });
    expect(dated.errors![0].extensions!.code).toBe("CONFLICT");
    const undated = await db.gql(CREATE, { input: { subject: m.slug, object: ecowas.slug, kind: "SANCTIONS" } }, { key: key.secret });
    expect(undated.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("affiliation")).toBe(before);
    // Another period of the same relation is a new row.
    const rejoined = await db.gql(CREATE, { input: { subject: m.slug, object: ecowas.slug, kind: "MEMBER_OF", validFrom: "2030-01-01" } }, { key: key.secret });
    expect(rejoined.errors).toBeUndefined();
    expect(await db.count("affiliation")).toBe(before + 1);
  });

  it("updates only the fields sent, moves an end by slug, clears optional fields with null", async () => {
    const key = await make.apiKey(Role.EDITOR, "analyst-upd");
    const { mali: m, aes, ecowas } = await mali();
    const src = await make.source();
    const a = await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "MEMBER_OF", role: "Founder", valid_from: "1975-05-28", source_id: src.id });
    const res = await db.gql(
      UPDATE,
      { input: { id: a.id, version: 1, object: aes.slug, kind: "PART_OF", validFrom: "2023-09-16", source: null, role: null, note: " moved " } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateAffiliation).toMatchObject({
      kind: "PART_OF",
      role: null,
      validFrom: "2023-09-16",
      validTo: null,
      note: "moved",
      version: 2,
      updatedBy: "analyst-upd",
      subject: { slug: m.slug },
      object: { slug: aes.slug },
      source: null,
    });
    const cite = await db.gql(UPDATE, { input: { id: a.id, version: 2, source: src.slug } }, { key: key.secret });
    expect(cite.data!.updateAffiliation).toMatchObject({ source: { slug: src.slug }, kind: "PART_OF", version: 3 });
  });

  it("checks the rules against the row as updated, and leaves it unchanged on every failure", async () => {
    const a1 = await make.apiKey(Role.EDITOR, "analyst-a");
    const a2 = await make.apiKey(Role.EDITOR, "analyst-b");
    const { mali: m, aes, ecowas } = await mali();
    const a = await make.affiliation({ subject_id: m.id, object_id: ecowas.id, kind: "MEMBER_OF", valid_from: "1975-05-28", valid_to: "2024-01-28" });
    await make.affiliation({ subject_id: m.id, object_id: aes.id, kind: "PART_OF", valid_from: "2023-09-16" });
    const snapshot = () =>
      db.manager.query(`SELECT subject_id, object_id, kind, valid_from, valid_to, version FROM affiliation WHERE id = $1`, [a.id]);
    const original = await snapshot();
    const fail = async (input: Record<string, unknown>, key = a1.secret) => {
      const res = await db.gql(UPDATE, { input: { id: a.id, version: 1, ...input } }, { key });
      expect(res.data).toBeNull();
      return res;
    };

    expect(paths(await fail({ validTo: "1975-05-27" }))).toEqual(["input.validTo"]);
    expect(paths(await fail({ validFrom: "2024-01-29" }))).toEqual(["input.validFrom"]);
    expect(paths(await fail({ subject: ecowas.slug }))).toEqual(["input.subject"]);
    expect(paths(await fail({ object: m.slug }))).toEqual(["input.object"]);
    expect(paths(await fail({ subject: null, object: null, kind: null }))).toEqual(["input.subject", "input.object", "input.kind"]);
    const missingRefs = await fail({ object: "no-such-org", source: "no-such-source" });
    expect(missingRefs.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(missingRefs).sort()).toEqual(["input.object", "input.source"]);
    const dup = await fail({ object: aes.slug, kind: "PART_OF", validFrom: "2023-09-16", validTo: null });
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");
    const wrongType = await fail({ id: "U291cmNlOjAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLTAwMDAwMDAwMDAwMA" });
    expect(wrongType.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    expect(await snapshot()).toEqual(original);

    const ok = await db.gql(UPDATE, { input: { id: a.id, version: 1, validTo: "2025-01-29" } }, { key: a1.secret });
    expect(ok.data!.updateAffiliation).toMatchObject({ validTo: "2025-01-29", version: 2 });
    const stale = await fail({ validTo: "2024-01-28" }, a2.secret);
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });
    const missing = await db.gql(UPDATE, { input: { id: "00000000-0000-4000-8000-000000000000", version: 1, role: "x" } }, { key: a1.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
  });
});
