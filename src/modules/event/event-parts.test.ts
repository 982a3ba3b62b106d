import { toGlobalId } from "../../common/global-id";
import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const ADD_PARTICIPANT = `mutation($input: AddEventParticipantInput!) {
  addEventParticipant(input: $input) { id role note version createdBy event { slug } stakeholder { slug } }
}`;
const REMOVE_PARTICIPANT = `mutation($id: ID!, $version: Int) { removeEventParticipant(id: $id, version: $version) { id } }`;
const ADD_CLAIM = `mutation($input: AddFatalityClaimInput!) {
  addFatalityClaim(input: $input) { id low best high note version event { slug } claimant { slug } source { slug } }
}`;
const UPDATE_CLAIM = `mutation($input: UpdateFatalityClaimInput!) {
  updateFatalityClaim(input: $input) { id low best high note version claimant { slug } source { slug } }
}`;
const DELETE_CLAIM = `mutation($id: ID!, $version: Int) { deleteFatalityClaim(id: $id, version: $version) { id } }`;
const RELATE = `mutation($input: RelateEventsInput!) { relateEvents(input: $input) { id relation from { slug } to { slug } } }`;
const UNRELATE = `mutation($id: ID!, $version: Int) { unrelateEvents(id: $id, version: $version) { id } }`;

type Issue = { path: string };
const paths = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  (res.errors![0].extensions!.issues as Issue[]).map((i) => i.path);

async function claimRow(values: Record<string, unknown>) {
  const cols = Object.keys(values);
  const [row] = await db.manager.query(
    `INSERT INTO fatality_claim (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
    Object.values(values),
  );
  return row;
}

describe("event participants", () => {
  it("adds a participant and lists it on the event and on the stakeholder", async () => {
    const key = await make.apiKey(Role.EDITOR, "participant-editor");
    const ev = await make.event();
    const s = await make.stakeholder();
    const res = await db.gql(ADD_PARTICIPANT, { input: { event: ev.slug, stakeholder: s.slug, role: "HOST", note: "hosts the talks" } }, { key: key.secret });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addEventParticipant).toMatchObject({
      role: "HOST",
      note: "hosts the talks",
      version: 1,
      createdBy: "participant-editor",
      event: { slug: ev.slug },
      stakeholder: { slug: s.slug },
    });
    const read = await db.gql(`query($s: String!, $e: String!) {
      stakeholder(slug: $s) { events { role event { slug } } }
      event(slug: $e) { participants { stakeholder { slug } } }
    }`, { s: s.slug, e: ev.slug });
    expect(read.data!.stakeholder.events).toEqual([{ role: "HOST", event: { slug: ev.slug } }]);
    expect(read.data!.event.participants).toEqual([{ stakeholder: { slug: s.slug } }]);
  });

  it("answers CONFLICT for the same stakeholder in the same role twice, but allows a second role", async () => {
    const key = await make.apiKey();
    const ev = await make.event();
    const s = await make.stakeholder();
    await make.participant({ event_id: ev.id, stakeholder_id: s.id, role: "SPONSOR" });
    const again = await db.gql(ADD_PARTICIPANT, { input: { event: ev.slug, stakeholder: s.slug, role: "SPONSOR" } }, { key: key.secret });
    expect(again.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.role" });
    const other = await db.gql(ADD_PARTICIPANT, { input: { event: ev.slug, stakeholder: s.slug, role: "SPEAKER" } }, { key: key.secret });
    expect(other.errors).toBeUndefined();
    expect(await db.count("event_participant", "event_id = $1", [ev.id])).toBe(2);
  });

  it("validates slugs with paths, reports every missing reference, and writes nothing", async () => {
    const key = await make.apiKey();
    const before = await db.count("event_participant");
    const bad = await db.gql(ADD_PARTICIPANT, { input: { event: "Bad Event", stakeholder: "", role: "HOST" } }, { key: key.secret });
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(bad)).toEqual(["input.event", "input.stakeholder"]);
    const missing = await db.gql(ADD_PARTICIPANT, { input: { event: "no-such-event", stakeholder: "no-such-stakeholder", role: "HOST" } }, { key: key.secret });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.event" });
    expect(paths(missing)).toEqual(["input.event", "input.stakeholder"]);
    const role = await db.gql(ADD_PARTICIPANT, { input: { event: "x", stakeholder: "y", role: "CHEERLEADER" } }, { key: key.secret });
    expect(role.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await db.count("event_participant")).toBe(before);
  });

  it("removes a participant (admin only), checking the version", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const ev = await make.event();
    const p = await make.participant({ event_id: ev.id, stakeholder_id: (await make.stakeholder()).id });
    const id = toGlobalId("EventParticipant", p.id);
    expect((await db.gql(REMOVE_PARTICIPANT, { id })).errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect((await db.gql(REMOVE_PARTICIPANT, { id }, { key: editor.secret })).errors![0].extensions!.code).toBe("FORBIDDEN");
    const stale = await db.gql(REMOVE_PARTICIPANT, { id, version: 2 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    const wrongType = await db.gql(REMOVE_PARTICIPANT, { id: toGlobalId("Event", p.id) }, { key: admin.secret });
    expect(wrongType.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(await db.count("event_participant", "id = $1", [p.id])).toBe(1);

    const ok = await db.gql(REMOVE_PARTICIPANT, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.removeEventParticipant).toEqual({ id });
    expect(await db.count("event_participant", "id = $1", [p.id])).toBe(0);
    expect((await db.gql(REMOVE_PARTICIPANT, { id }, { key: admin.secret })).errors![0].extensions!.code).toBe("NOT_FOUND");
  });
});

describe("fatality claims", () => {
  it("adds a claim with claimant and source", async () => {
    const key = await make.apiKey();
    const ev = await make.event({ kind: "MASSACRE" });
    const ohchr = await make.stakeholder();
    const report = await make.source();
    const res = await db.gql(
      ADD_CLAIM,
      { input: { event: ev.slug, claimant: ohchr.slug, source: report.slug, low: 500, note: "at least 500" } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addFatalityClaim).toMatchObject({
      low: 500,
      best: null,
      high: null,
      note: "at least 500",
      version: 1,
      event: { slug: ev.slug },
      claimant: { slug: ohchr.slug },
      source: { slug: report.slug },
    });
  });

  it("refuses negative, missing and unordered counts with paths, and unknown references, writing nothing", async () => {
    const key = await make.apiKey();
    const ev = await make.event();
    const before = await db.count("fatality_claim");
    const none = await db.gql(ADD_CLAIM, { input: { event: ev.slug, note: "no numbers" } }, { key: key.secret });
    expect(none.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
    const bad = await db.gql(ADD_CLAIM, { input: { event: ev.slug, low: -1, best: 5, high: 4, claimant: "Bad" } }, { key: key.secret });
    expect(paths(bad)).toEqual(["input.claimant", "input.low", "input.high"]);
    const missing = await db.gql(ADD_CLAIM, { input: { event: ev.slug, best: 3, claimant: "no-such-claimant", source: "no-such-source" } }, { key: key.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(missing)).toEqual(["input.claimant", "input.source"]);
    expect(await db.count("fatality_claim")).toBe(before);
  });

  it("updates a claim, checking the counts merged with the stored ones and the version", async () => {
    const key = await make.apiKey();
    const ev = await make.event();
    const claimant = await make.stakeholder();
    const c = await claimRow({ event_id: ev.id, low: 10, best: 20, claimant_id: claimant.id });
    const id = toGlobalId("FatalityClaim", c.id);

    const below = await db.gql(UPDATE_CLAIM, { input: { id, version: 1, best: 5 } }, { key: key.secret });
    expect(below.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.best" });
    const cleared = await db.gql(UPDATE_CLAIM, { input: { id, version: 1, low: null, best: null } }, { key: key.secret });
    expect(cleared.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });

    const ok = await db.gql(UPDATE_CLAIM, { input: { id, version: 1, high: 30, claimant: null, note: "revised" } }, { key: key.secret });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateFatalityClaim).toMatchObject({ low: 10, best: 20, high: 30, note: "revised", claimant: null, version: 2 });

    const stale = await db.gql(UPDATE_CLAIM, { input: { id, version: 1, high: 40 } }, { key: key.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
    const unknown = await db.gql(UPDATE_CLAIM, { input: { id, version: 2, source: "no-such-source" } }, { key: key.secret });
    expect(unknown.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.source" });
    const gone = await db.gql(
      UPDATE_CLAIM,
      { input: { id: toGlobalId("FatalityClaim", "00000000-0000-4000-8000-000000000000"), version: 1, best: 1 } },
      { key: key.secret },
    );
    expect(gone.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
    const anonymous = await db.gql(UPDATE_CLAIM, { input: { id, version: 2, high: 40 } });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("fatality_claim", "id = $1 AND high = 30 AND version = 2", [c.id])).toBe(1);
  });

  it("deletes a claim (admin only)", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const c = await claimRow({ event_id: (await make.event()).id, best: 1 });
    const id = toGlobalId("FatalityClaim", c.id);
    expect((await db.gql(DELETE_CLAIM, { id }, { key: editor.secret })).errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("fatality_claim", "id = $1", [c.id])).toBe(1);
    const ok = await db.gql(DELETE_CLAIM, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.deleteFatalityClaim).toEqual({ id });
    expect(await db.count("fatality_claim", "id = $1", [c.id])).toBe(0);
  });
});

describe("event relations", () => {
  it("relates two events, seen from both ends", async () => {
    const key = await make.apiKey();
    const coup = await make.event({ kind: "COUP", start_date: "2021-05-24" });
    const sanctions = await make.event({ kind: "SANCTIONS_IMPOSED", start_date: "2022-01-09" });
    const res = await db.gql(RELATE, { input: { from: coup.slug, to: sanctions.slug, relation: "CAUSED" } }, { key: key.secret });
    expect(res.errors).toBeUndefined();
    expect(res.data!.relateEvents).toMatchObject({ relation: "CAUSED", from: { slug: coup.slug }, to: { slug: sanctions.slug } });
    const read = await db.gql(`query($a: String!, $b: String!) {
      a: event(slug: $a) { related { to { slug } } relatedFrom { id } }
      b: event(slug: $b) { related { id } relatedFrom { relation from { slug } } }
    }`, { a: coup.slug, b: sanctions.slug });
    expect(read.data).toEqual({
      a: { related: [{ to: { slug: sanctions.slug } }], relatedFrom: [] },
      b: { related: [], relatedFrom: [{ relation: "CAUSED", from: { slug: coup.slug } }] },
    });
  });

  it("refuses a self relation and a duplicate, and reports missing events", async () => {
    const key = await make.apiKey();
    const a = await make.event();
    const b = await make.event();
    const before = await db.count("event_relation");
    const self = await db.gql(RELATE, { input: { from: a.slug, to: a.slug, relation: "PART_OF" } }, { key: key.secret });
    expect(self.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.to" });
    const missing = await db.gql(RELATE, { input: { from: "no-such-a", to: "no-such-b", relation: "CAUSED" } }, { key: key.secret });
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(missing)).toEqual(["input.from", "input.to"]);
    expect(await db.count("event_relation")).toBe(before);

    expect((await db.gql(RELATE, { input: { from: a.slug, to: b.slug, relation: "PRECEDED" } }, { key: key.secret })).errors).toBeUndefined();
    const dup = await db.gql(RELATE, { input: { from: a.slug, to: b.slug, relation: "PRECEDED" } }, { key: key.secret });
    expect(dup.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.relation" });
    expect(await db.count("event_relation")).toBe(before + 1);
    expect((await db.gql(RELATE, { input: { from: a.slug, to: b.slug, relation: "CAUSED" } })).errors![0].extensions!.code).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("unrelates events (admin only)", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const a = await make.event();
    const b = await make.event();
    const [r] = await db.manager.query(
      `INSERT INTO event_relation (from_event_id, to_event_id, relation) VALUES ($1, $2, 'PART_OF') RETURNING id`,
      [a.id, b.id],
    );
    const id = toGlobalId("EventRelation", r.id);
    expect((await db.gql(UNRELATE, { id }, { key: editor.secret })).errors![0].extensions!.code).toBe("FORBIDDEN");
    const ok = await db.gql(UNRELATE, { id }, { key: admin.secret });
    expect(ok.data!.unrelateEvents).toEqual({ id });
    expect(await db.count("event_relation", "id = $1", [r.id])).toBe(0);
    expect(await db.count("event", "id = ANY($1)", [[a.id, b.id]])).toBe(2);
  });
});
