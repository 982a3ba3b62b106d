import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";
import { toGlobalId } from "../../common/global-id";
import { Role } from "../auth/api-key.entity";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreatePositionInput!) {
  createPosition(input: $input) { id slug stance statedOn datePrecision confidence version createdBy
    stakeholder { slug } proposition { slug } speaker { slug } source { slug } }
}`;
const RECORD = `mutation($input: RecordPositionInput!) {
  recordPosition(input: $input) { id slug stance confidence createdBy
    stakeholder { slug } speaker { slug }
    source { slug title language createdBy }
    events { relation note event { slug } } }
}`;
const UPDATE = `mutation($input: UpdatePositionInput!) {
  updatePosition(input: $input) { id stance statedOn datePrecision quote quoteLanguage note version updatedBy stakeholder { slug } speaker { slug } }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deletePosition(id: $id, version: $version) { id } }`;
const LINK = `mutation($input: LinkPositionToEventInput!) {
  linkPositionToEvent(input: $input) { id relation note createdBy event { slug } position { slug } }
}`;
const UNLINK = `mutation($id: ID!) { unlinkPositionFromEvent(id: $id) { id } }`;

const paths = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  res.errors![0].extensions!.issues.map((i: { path: string }) => i.path);

/** Row counts of every table a position write touches. */
async function counts() {
  return {
    position: await db.count("position"),
    source: await db.count("source"),
    link: await db.count("position_event"),
  };
}

async function refs() {
  const state = await make.stakeholder({ slug: uniqueSlug("mali") });
  const person = await make.stakeholder({ slug: uniqueSlug("diop"), kind: "PERSON" });
  const proposition = await make.proposition({ slug: uniqueSlug("withdraw") });
  const source = await make.source({ slug: uniqueSlug("s-pv") });
  const events = [await make.event(), await make.event(), await make.event()];
  return { state, person, proposition, source, events };
}
type R = Awaited<ReturnType<typeof refs>>;

const base = (r: R) => ({
  stakeholder: r.state.slug,
  proposition: r.proposition.slug,
  stance: "SUPPORT",
  statedOn: "2023-06-16",
});

describe("createPosition", () => {
  it("creates a position signed by the caller, with default precision and confidence", async () => {
    const key = await make.apiKey(Role.EDITOR, "coder-1");
    const r = await refs();
    const slug = uniqueSlug("demand");
    const res = await db.gql(
      CREATE,
      { input: { ...base(r), slug, speaker: r.person.slug, source: r.source.slug, quote: "Sans délai", quoteLanguage: "fr" } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createPosition).toMatchObject({
      slug,
      stance: "SUPPORT",
      statedOn: "2023-06-16",
      datePrecision: "DAY",
      confidence: 1,
      version: 1,
      createdBy: "coder-1",
      stakeholder: { slug: r.state.slug },
      proposition: { slug: r.proposition.slug },
      speaker: { slug: r.person.slug },
      source: { slug: r.source.slug },
    });
    const read = await db.gql(`query($id: ID!) { node(id: $id) { ... on Position { slug } } }`, { id: res.data!.createPosition.id });
    expect(read.data!.node).toEqual({ slug });
  });

  it("refuses writes without a key", async () => {
    const r = await refs();
    const before = await counts();
    const res = await db.gql(CREATE, { input: base(r) });
    expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const rec = await db.gql(RECORD, { input: base(r) });
    expect(rec.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await counts()).toEqual(before);
  });

  it("reports every invalid field with its path, and writes nothing", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await counts();
    const res = await db.gql(
      CREATE,
      {
        input: {
          ...base(r),
          slug: "Not A Slug",
          quote: "Sans délai",
          confidence: 1.5,
          note: "x".repeat(5001),
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.slug", "input.note", "input.confidence", "input.quoteLanguage"]);
    const lang = await db.gql(CREATE, { input: { ...base(r), quote: "Without delay", quoteLanguage: "English" } }, { key: key.secret });
    expect(paths(lang)).toEqual(["input.quoteLanguage"]);
    expect(await counts()).toEqual(before);
  });

  it("checks that the date fits its precision, and explains how to write it", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const month = await db.gql(CREATE, { input: { ...base(r), statedOn: "2023-06-16", datePrecision: "MONTH" } }, { key: key.secret });
    expect(month.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.statedOn" });
    expect(month.errors![0].message).toMatch(/1st of that month: send 2023-06-01/);
    const year = await db.gql(CREATE, { input: { ...base(r), statedOn: "2023-06-01", datePrecision: "YEAR" } }, { key: key.secret });
    expect(year.errors![0].message).toMatch(/1 January of that year: send 2023-01-01/);

    const okMonth = await db.gql(CREATE, { input: { ...base(r), statedOn: "2023-06-01", datePrecision: "MONTH" } }, { key: key.secret });
    expect(okMonth.data!.createPosition.datePrecision).toBe("MONTH");
    const okYear = await db.gql(CREATE, { input: { ...base(r), statedOn: "2023-01-01", datePrecision: "YEAR" } }, { key: key.secret });
    expect(okYear.data!.createPosition.datePrecision).toBe("YEAR");
  });

  it("answers NOT_FOUND naming every missing reference", async () => {
    const key = await make.apiKey();
    const before = await counts();
    const res = await db.gql(
      CREATE,
      { input: { stakeholder: "nobody", proposition: "nothing", stance: "OPPOSE", statedOn: "2023-06-16", speaker: "no-one", source: "no-source" } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(res).sort()).toEqual(["input.proposition", "input.source", "input.speaker", "input.stakeholder"]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a speaker that is not a PERSON", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const res = await db.gql(CREATE, { input: { ...base(r), speaker: r.state.slug } }, { key: key.secret });
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.speaker" });
    expect(res.errors![0].message).toMatch(/PERSON/);
  });

  it("answers CONFLICT for a duplicate slug", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const slug = uniqueSlug("demand");
    await make.position({ slug, stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    const res = await db.gql(CREATE, { input: { ...base(r), slug } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("position", "slug = $1", [slug])).toBe(1);
  });
});

describe("recordPosition", () => {
  it("writes a position, a new source and its event links in one go", async () => {
    const key = await make.apiKey(Role.EDITOR, "coder-2");
    const r = await refs();
    const sourceSlug = uniqueSlug("s-pv-9350");
    const res = await db.gql(
      RECORD,
      {
        input: {
          ...base(r),
          speaker: r.person.slug,
          quote: "Le Mali demande le retrait sans délai",
          quoteLanguage: "fr",
          confidence: 0.9,
          locator: "p. 3",
          newSource: { slug: sourceSlug, kind: "MEETING_RECORD", title: "S/PV.9350", language: "en", url: "https://undocs.org/S/PV.9350", publishedOn: "2023-06-16" },
          events: [
            { event: r.events[0].slug, relation: "EXPRESSED_AT" },
            { event: r.events[1].slug, relation: "RESPONDS_TO", note: "the report" },
            { event: r.events[1].slug, relation: "CITES_AS_EVIDENCE" },
          ],
        },
      },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    const p = res.data!.recordPosition;
    expect(p).toMatchObject({
      confidence: 0.9,
      createdBy: "coder-2",
      stakeholder: { slug: r.state.slug },
      speaker: { slug: r.person.slug },
      source: { slug: sourceSlug, title: "S/PV.9350", language: "en", createdBy: "coder-2" },
    });
    const rel = (l: { relation: string }) => l.relation;
    expect(p.events.map(rel).sort()).toEqual(["CITES_AS_EVIDENCE", "EXPRESSED_AT", "RESPONDS_TO"]);
    expect(p.events.find((l: { relation: string }) => l.relation === "RESPONDS_TO")).toEqual({
      relation: "RESPONDS_TO",
      note: "the report",
      event: { slug: r.events[1].slug },
    });
  });

  it("can cite an existing source instead", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await db.count("source");
    const res = await db.gql(RECORD, { input: { ...base(r), source: r.source.slug } }, { key: key.secret });
    expect(res.data!.recordPosition.source.slug).toBe(r.source.slug);
    expect(res.data!.recordPosition.events).toEqual([]);
    expect(await db.count("source")).toBe(before);
  });

  it("answers NOT_FOUND naming input.events[2].event and leaves no position, source or link behind", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await counts();
    const res = await db.gql(
      RECORD,
      {
        input: {
          ...base(r),
          newSource: { slug: uniqueSlug("src-new"), kind: "NEWS_ARTICLE", title: "Mali asks MINUSMA to leave" },
          events: [
            { event: r.events[0].slug, relation: "EXPRESSED_AT" },
            { event: r.events[1].slug, relation: "RESPONDS_TO" },
            { event: "no-such-event", relation: "CONDEMNS" },
          ],
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.events[2].event" });
    expect(paths(res)).toEqual(["input.events[2].event"]);
    expect(await counts()).toEqual(before);
  });

  it("rolls back the new source when the position fails in the database (duplicate slug → CONFLICT)", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const taken = uniqueSlug("taken");
    await make.position({ slug: taken, stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    const sourceSlug = uniqueSlug("src-new");
    const before = await counts();
    const res = await db.gql(
      RECORD,
      {
        input: {
          ...base(r),
          slug: taken,
          newSource: { slug: sourceSlug, kind: "REPORT", title: "A report" },
          events: [{ event: r.events[0].slug, relation: "EXPRESSED_AT" }],
        },
      },
      { key: key.secret },
    );
    // The position's own constraint failed: the source before it had been inserted, and is gone.
    expect(res.errors![0].extensions).toMatchObject({ code: "CONFLICT", constraint: expect.stringMatching(/^position_/) });
    expect(await db.count("source", "slug = $1", [sourceSlug])).toBe(0);
    expect(await counts()).toEqual(before);

    // The request's transaction is still usable afterwards.
    const ok = await db.gql(RECORD, { input: { ...base(r), newSource: { slug: sourceSlug, kind: "REPORT", title: "A report" } } }, { key: key.secret });
    expect(ok.errors).toBeUndefined();
    expect(await db.count("source", "slug = $1", [sourceSlug])).toBe(1);
  });

  it("answers CONFLICT for a new source whose slug is taken, and writes nothing", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await counts();
    const res = await db.gql(
      RECORD,
      { input: { ...base(r), newSource: { slug: r.source.slug, kind: "REPORT", title: "Again" }, events: [{ event: r.events[0].slug, relation: "ENDORSES" }] } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await counts()).toEqual(before);
  });

  it("reports invalid sources and event links with their paths", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await counts();
    const res = await db.gql(
      RECORD,
      {
        input: {
          ...base(r),
          source: r.source.slug,
          newSource: { slug: "Bad Slug", kind: "REPORT", title: " ", url: "ftp://example.org", language: "EN" },
          events: [
            { event: r.events[0].slug, relation: "EXPRESSED_AT" },
            { event: r.events[1].slug, relation: "EXPRESSED_AT", note: "y".repeat(5001) },
            { event: r.events[0].slug, relation: "EXPRESSED_AT" },
            { event: r.events[0].slug, relation: "CONDEMNS" },
          ],
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual([
      "input.newSource",
      "input.newSource.slug",
      "input.newSource.title",
      "input.newSource.url",
      "input.newSource.language",
      "input.events[1].note",
      "input.events[2]",
    ]);
    const dup = res.errors![0].extensions!.issues.find((i: { path: string }) => i.path === "input.events[2]");
    expect(dup.message).toMatch(/input\.events\[0\]/);
    expect(await counts()).toEqual(before);
  });

  it("refuses a non-person speaker before writing anything", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const before = await counts();
    const res = await db.gql(
      RECORD,
      { input: { ...base(r), speaker: r.state.slug, newSource: { slug: uniqueSlug("src"), kind: "SPEECH", title: "A speech" } } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.speaker" });
    expect(await counts()).toEqual(before);
  });
});

describe("updatePosition", () => {
  async function created(key: string, r: R, extra: Record<string, unknown> = {}) {
    const res = await db.gql(CREATE, { input: { ...base(r), quote: "Sans délai", quoteLanguage: "fr", ...extra } }, { key });
    return res.data!.createPosition.id as string;
  }

  it("changes only the fields sent, and bumps the version", async () => {
    const a = await make.apiKey(Role.EDITOR, "coder-a");
    const r = await refs();
    const other = await make.stakeholder();
    const id = await created(a.secret, r);
    const res = await db.gql(
      UPDATE,
      { input: { id, version: 1, stance: "OPPOSE", stakeholder: other.slug, speaker: r.person.slug, note: "revised" } },
      { key: a.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePosition).toMatchObject({
      stance: "OPPOSE",
      statedOn: "2023-06-16",
      quote: "Sans délai",
      note: "revised",
      version: 2,
      updatedBy: "coder-a",
      stakeholder: { slug: other.slug },
      speaker: { slug: r.person.slug },
    });
    const cleared = await db.gql(UPDATE, { input: { id, version: 2, speaker: null, quote: null, note: null } }, { key: a.secret });
    expect(cleared.data!.updatePosition).toMatchObject({ speaker: null, quote: null, quoteLanguage: "fr", note: null, version: 3 });
  });

  it("checks date precision and quote language on the stored row with the change applied", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const id = await created(key.secret, r);
    const month = await db.gql(UPDATE, { input: { id, version: 1, datePrecision: "MONTH" } }, { key: key.secret });
    expect(month.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.statedOn" });
    const noLang = await db.gql(UPDATE, { input: { id, version: 1, quoteLanguage: null } }, { key: key.secret });
    expect(noLang.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.quoteLanguage" });
    const ok = await db.gql(UPDATE, { input: { id, version: 1, datePrecision: "MONTH", statedOn: "2023-06-01" } }, { key: key.secret });
    expect(ok.data!.updatePosition).toMatchObject({ datePrecision: "MONTH", statedOn: "2023-06-01", version: 2 });
  });

  it("reports invalid fields with paths, refuses nulls for required fields, and changes nothing", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const id = await created(key.secret, r);
    const res = await db.gql(
      UPDATE,
      { input: { id, version: 1, stance: null, stakeholder: null, confidence: -0.1, quoteLanguage: "French", slug: "A B" } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual(["input.stakeholder", "input.stance", "input.slug", "input.quoteLanguage", "input.confidence"]);
    const speaker = await db.gql(UPDATE, { input: { id, version: 1, speaker: r.state.slug } }, { key: key.secret });
    expect(speaker.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.speaker" });
    const badId = await db.gql(UPDATE, { input: { id: "nope", version: 1 } }, { key: key.secret });
    expect(badId.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    const after = await db.gql(`query($id: ID!) { position(id: $id) { version stance } }`, { id });
    expect(after.data!.position).toEqual({ version: 1, stance: "SUPPORT" });
  });

  it("answers NOT_FOUND for unknown references and an unknown position", async () => {
    const key = await make.apiKey();
    const r = await refs();
    const id = await created(key.secret, r);
    const res = await db.gql(UPDATE, { input: { id, version: 1, proposition: "nothing", source: "nowhere" } }, { key: key.secret });
    expect(res.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(res).sort()).toEqual(["input.proposition", "input.source"]);
    const missing = await db.gql(
      UPDATE,
      { input: { id: toGlobalId("Position", "00000000-0000-4000-8000-000000000000"), version: 1, stance: "OPPOSE" } },
      { key: key.secret },
    );
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
  });

  it("answers CONFLICT for a stale version and for a taken slug", async () => {
    const a = await make.apiKey();
    const b = await make.apiKey();
    const r = await refs();
    const id = await created(a.secret, r);
    await db.gql(UPDATE, { input: { id, version: 1, note: "first" } }, { key: a.secret });
    const stale = await db.gql(UPDATE, { input: { id, version: 1, note: "second" } }, { key: b.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2, field: "input.version" });
    // A stale version wins over a merge problem the client could not have seen.
    const staleAndBad = await db.gql(UPDATE, { input: { id, version: 1, datePrecision: "YEAR" } }, { key: b.secret });
    expect(staleAndBad.errors![0].extensions!.code).toBe("CONFLICT");

    const taken = uniqueSlug("taken");
    await make.position({ slug: taken, stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    const dup = await db.gql(UPDATE, { input: { id, version: 2, slug: taken } }, { key: a.secret });
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");
    const after = await db.gql(`query($id: ID!) { position(id: $id) { version note slug } }`, { id });
    expect(after.data!.position).toEqual({ version: 2, note: "first", slug: null });
  });
});

describe("deletePosition", () => {
  it("needs the admin role, deletes the position with its links, and keeps a vote it explained", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const r = await refs();
    const p = await make.position({ stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    await make.positionEvent({ position_id: p.id, event_id: r.events[0].id });
    const vote = await make.vote({ event_id: r.events[1].id, stakeholder_id: r.state.id, explanation_id: p.id });
    const id = toGlobalId("Position", p.id);

    const anonymous = await db.gql(DELETE, { id });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    const refused = await db.gql(DELETE, { id }, { key: editor.secret });
    expect(refused.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("position", "id = $1", [p.id])).toBe(1);

    const ok = await db.gql(DELETE, { id }, { key: admin.secret });
    expect(ok.data!.deletePosition).toEqual({ id });
    expect(await db.count("position", "id = $1", [p.id])).toBe(0);
    expect(await db.count("position_event", "position_id = $1", [p.id])).toBe(0);
    expect(await db.count("vote", "id = $1 AND explanation_id IS NULL", [vote.id])).toBe(1);
  });

  it("answers CONFLICT for a stale version, NOT_FOUND for an unknown position, BAD_USER_INPUT for a foreign ID", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const r = await refs();
    const p = await make.position({ stakeholder_id: r.state.id, proposition_id: r.proposition.id, version: 3 });
    const stale = await db.gql(DELETE, { id: toGlobalId("Position", p.id), version: 2 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
    expect(await db.count("position", "id = $1", [p.id])).toBe(1);
    const missing = await db.gql(DELETE, { id: toGlobalId("Position", "00000000-0000-4000-8000-000000000000") }, { key: admin.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    const foreign = await db.gql(DELETE, { id: toGlobalId("Event", r.events[0].id) }, { key: admin.secret });
    expect(foreign.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });
});

describe("linkPositionToEvent / unlinkPositionFromEvent", () => {
  it("links a position to an event, refuses the same pair twice, and unlinks it (admin)", async () => {
    const editor = await make.apiKey(Role.EDITOR, "coder-3");
    const admin = await make.apiKey(Role.ADMIN);
    const r = await refs();
    const p = await make.position({ slug: uniqueSlug("p"), stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    const input = { position: toGlobalId("Position", p.id), event: r.events[0].slug, relation: "CONDEMNS", note: "called it a provocation" };
    const res = await db.gql(LINK, { input }, { key: editor.secret });
    expect(res.errors).toBeUndefined();
    const link = res.data!.linkPositionToEvent;
    expect(link).toMatchObject({ relation: "CONDEMNS", note: "called it a provocation", createdBy: "coder-3", event: { slug: r.events[0].slug }, position: { slug: p.slug } });

    const again = await db.gql(LINK, { input }, { key: editor.secret });
    expect(again.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("position_event", "position_id = $1", [p.id])).toBe(1);

    const refused = await db.gql(UNLINK, { id: link.id }, { key: editor.secret });
    expect(refused.errors![0].extensions!.code).toBe("FORBIDDEN");
    const ok = await db.gql(UNLINK, { id: link.id }, { key: admin.secret });
    expect(ok.data!.unlinkPositionFromEvent).toEqual({ id: link.id });
    expect(await db.count("position_event", "position_id = $1", [p.id])).toBe(0);
    const gone = await db.gql(UNLINK, { id: link.id }, { key: admin.secret });
    expect(gone.errors![0].extensions!.code).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND naming both a missing position and a missing event, and validates its input", async () => {
    const key = await make.apiKey();
    const admin = await make.apiKey(Role.ADMIN);
    const r = await refs();
    const before = await counts();
    const missing = await db.gql(
      LINK,
      { input: { position: toGlobalId("Position", "00000000-0000-4000-8000-000000000000"), event: "no-such-event", relation: "DENIES" } },
      { key: key.secret },
    );
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(missing)).toEqual(["input.position", "input.event"]);

    const badId = await db.gql(LINK, { input: { position: "nope", event: r.events[0].slug, relation: "DENIES" } }, { key: key.secret });
    expect(badId.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.position" });
    const p = await make.position({ stakeholder_id: r.state.id, proposition_id: r.proposition.id });
    const longNote = await db.gql(
      LINK,
      { input: { position: toGlobalId("Position", p.id), event: r.events[0].slug, relation: "DENIES", note: "z".repeat(5001) } },
      { key: key.secret },
    );
    expect(paths(longNote)).toEqual(["input.note"]);
    const anonymous = await db.gql(LINK, { input: { position: toGlobalId("Position", p.id), event: r.events[0].slug, relation: "DENIES" } });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("position_event")).toBe(before.link);

    const foreign = await db.gql(UNLINK, { id: toGlobalId("Position", p.id) }, { key: admin.secret });
    expect(foreign.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });
});
