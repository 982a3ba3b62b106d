import { toGlobalId } from "../../common/global-id";
import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CREATE = `mutation($input: CreateEventInput!) {
  createEvent(input: $input) {
    id slug title kind startDate endDate datePrecision cameoCode version createdBy
    location { name adminRegion countryCode latitude longitude precision }
    source { slug } motion { slug }
    participants { role note stakeholder { slug } }
    fatalityClaims { low best high note claimant { slug } source { slug } }
    related { relation to { slug } }
  }
}`;
const UPDATE = `mutation($input: UpdateEventInput!) {
  updateEvent(input: $input) {
    id title kind startDate endDate datePrecision version updatedBy description
    location { name countryCode latitude longitude } source { slug } motion { slug }
  }
}`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteEvent(id: $id, version: $version) { id } }`;

type Issue = { path: string };
const paths = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  (res.errors![0].extensions!.issues as Issue[]).map((i) => i.path);

/** Rows of every table an event write touches. */
async function eventRows() {
  return {
    event: await db.count("event"),
    participant: await db.count("event_participant"),
    claim: await db.count("fatality_claim"),
    relation: await db.count("event_relation"),
  };
}

describe("createEvent", () => {
  it("creates an event with its location, participants, fatality claims and relations, signed by the key", async () => {
    const name = uniqueSlug("analyst");
    const key = await make.apiKey(Role.EDITOR, name);
    const army = await make.stakeholder();
    const ohchr = await make.stakeholder();
    const wagner = await make.stakeholder();
    const report = await make.source();
    const later = await make.event({ start_date: "2023-05-12" });
    const slug = uniqueSlug("moura");
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug,
          title: "Moura massacre",
          kind: "MASSACRE",
          startDate: "2022-03-27",
          endDate: "2022-03-31",
          cameoCode: "202",
          source: report.slug,
          location: { name: "Moura", adminRegion: "Mopti", countryCode: "MLI", latitude: 14.17, longitude: -4.35, precision: "TOWN" },
          participants: [
            { stakeholder: army.slug, role: "PERPETRATOR" },
            { stakeholder: wagner.slug, role: "PERPETRATOR", note: "foreign military personnel" },
          ],
          fatalityClaims: [
            { claimant: army.slug, best: 203, note: "militants" },
            { claimant: ohchr.slug, source: report.slug, low: 500 },
          ],
          related: [{ event: later.slug, relation: "PRECEDED" }],
        },
      },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    const e = res.data!.createEvent;
    expect(e).toMatchObject({
      slug,
      title: "Moura massacre",
      kind: "MASSACRE",
      startDate: "2022-03-27",
      endDate: "2022-03-31",
      datePrecision: "DAY",
      cameoCode: "202",
      version: 1,
      createdBy: name,
      location: { name: "Moura", adminRegion: "Mopti", countryCode: "MLI", latitude: 14.17, longitude: -4.35, precision: "TOWN" },
      source: { slug: report.slug },
      motion: null,
      related: [{ relation: "PRECEDED", to: { slug: later.slug } }],
    });
    expect(e.participants).toHaveLength(2);
    expect(e.participants).toEqual(
      expect.arrayContaining([
        { role: "PERPETRATOR", note: null, stakeholder: { slug: army.slug } },
        { role: "PERPETRATOR", note: "foreign military personnel", stakeholder: { slug: wagner.slug } },
      ]),
    );
    expect(e.fatalityClaims).toEqual([
      { low: 500, best: null, high: null, note: null, claimant: { slug: ohchr.slug }, source: { slug: report.slug } },
      { low: null, best: 203, high: null, note: "militants", claimant: { slug: army.slug }, source: null },
    ]);
    const [row] = await db.manager.query(`SELECT id, created_by FROM event WHERE slug = $1`, [slug]);
    expect(e.id).toBe(toGlobalId("Event", row.id));
    expect(await db.count("event_participant", "event_id = $1 AND created_by = $2", [row.id, row.created_by])).toBe(2);
  });

  it("sets the motion of a VOTE event, and refuses one on any other kind", async () => {
    const key = await make.apiKey();
    const motion = await make.proposition();
    const ok = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("vote"), title: "Vote on 2690", kind: "VOTE", startDate: "2023-06-30", motion: motion.slug } },
      { key: key.secret },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createEvent.motion).toEqual({ slug: motion.slug });

    const before = await db.count("event");
    const refused = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("meeting"), title: "Meeting", kind: "MEETING", startDate: "2023-06-30", motion: motion.slug } },
      { key: key.secret },
    );
    expect(refused.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.motion" });
    expect(await db.count("event")).toBe(before);
  });

  it("reports every invalid field with its path, nested ones included, and writes nothing", async () => {
    const key = await make.apiKey();
    const before = await eventRows();
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: "Bad Slug",
          title: " ",
          kind: "MASSACRE",
          startDate: "2022-03-27",
          endDate: "2022-03-01",
          cameoCode: "18a",
          location: { countryCode: "ml", latitude: 95 },
          participants: [
            { stakeholder: "ok-slug", role: "TARGET" },
            { stakeholder: "Not OK", role: "TARGET" },
            { stakeholder: "ok-slug", role: "TARGET" },
          ],
          fatalityClaims: [{ low: 10, best: 5 }, { best: -1 }, { note: "no counts" }, { best: 10, high: 3 }],
          related: [{ event: "Bad Slug", relation: "CAUSED" }, { event: "x-1", relation: "CAUSED" }, { event: "x-1", relation: "CAUSED" }],
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(res)).toEqual([
      "input.slug",
      "input.title",
      "input.cameoCode",
      "input.location.countryCode",
      "input.location.latitude",
      "input.location.longitude",
      "input.endDate",
      "input.participants[1].stakeholder",
      "input.participants[2]",
      "input.fatalityClaims[0].best",
      "input.fatalityClaims[1].best",
      "input.fatalityClaims[2]",
      "input.fatalityClaims[3].high",
      "input.related[0].event",
      "input.related[0].event",
      "input.related[2]",
    ]);
    expect(await eventRows()).toEqual(before);
  });

  it("checks dates against their precision", async () => {
    const key = await make.apiKey();
    const base = { title: "AFISMA", kind: "DEPLOYMENT" };
    const month = await db.gql(
      CREATE,
      { input: { ...base, slug: uniqueSlug("m"), startDate: "2013-01-15", datePrecision: "MONTH" } },
      { key: key.secret },
    );
    expect(month.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.datePrecision" });
    const year = await db.gql(
      CREATE,
      { input: { ...base, slug: uniqueSlug("y"), startDate: "2012-01-01", endDate: "2013-06-01", datePrecision: "YEAR" } },
      { key: key.secret },
    );
    expect(year.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.datePrecision" });
    const ok = await db.gql(
      CREATE,
      { input: { ...base, slug: uniqueSlug("ok"), startDate: "2013-01-01", endDate: "2013-07-01", datePrecision: "MONTH" } },
      { key: key.secret },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createEvent.datePrecision).toBe("MONTH");
  });

  it("refuses latitude without longitude, and an unknown enum value", async () => {
    const key = await make.apiKey();
    const lat = await db.gql(
      CREATE,
      { input: { slug: uniqueSlug("x"), title: "X", kind: "OTHER", startDate: "2023-01-01", location: { longitude: 10 } } },
      { key: key.secret },
    );
    expect(lat.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.location.latitude" });
    const kind = await db.gql(CREATE, { input: { slug: uniqueSlug("x"), title: "X", kind: "PICNIC", startDate: "2023-01-01" } }, { key: key.secret });
    expect(kind.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(kind.errors![0].message).toMatch(/kind/);
    const date = await db.gql(CREATE, { input: { slug: uniqueSlug("x"), title: "X", kind: "OTHER", startDate: "2023-02-30" } }, { key: key.secret });
    expect(date.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("answers NOT_FOUND naming every missing reference, e.g. the third participant, and leaves no event behind", async () => {
    const key = await make.apiKey();
    const a = await make.stakeholder();
    const b = await make.stakeholder();
    const slug = uniqueSlug("ev");
    const before = await eventRows();
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug,
          title: "Some event",
          kind: "ARMED_CLASH",
          startDate: "2023-08-11",
          participants: [
            { stakeholder: a.slug, role: "OTHER" },
            { stakeholder: b.slug, role: "OTHER" },
            { stakeholder: "no-such-stakeholder", role: "OTHER" },
          ],
          fatalityClaims: [{ claimant: a.slug, source: "no-such-source", best: 6 }],
          related: [{ event: "no-such-event", relation: "CAUSED" }],
        },
      },
      { key: key.secret },
    );
    const err = res.errors![0];
    expect(err.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.participants[2].stakeholder" });
    expect((err.extensions!.issues as Issue[]).map((i) => i.path).sort()).toEqual(
      ["input.fatalityClaims[0].source", "input.participants[2].stakeholder", "input.related[0].event"].sort(),
    );
    expect(await db.count("event", "slug = $1", [slug])).toBe(0);
    expect(await eventRows()).toEqual(before);
  });

  it("rolls the whole event back when a later statement of the transaction fails", async () => {
    const key = await make.apiKey();
    const a = await make.stakeholder();
    const other = await make.event();
    // A real database refusal after the event, its participants and claims are written.
    await db.manager.query(`
      CREATE FUNCTION pg_temp.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test' USING ERRCODE = '23514'; END $$;
      CREATE TRIGGER refuse_relations BEFORE INSERT ON event_relation FOR EACH ROW EXECUTE FUNCTION pg_temp.refuse();
    `);
    const before = await eventRows();
    const slug = uniqueSlug("ev");
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug,
          title: "Half-written",
          kind: "OTHER",
          startDate: "2023-01-01",
          participants: [{ stakeholder: a.slug, role: "OTHER" }],
          fatalityClaims: [{ best: 1 }],
          related: [{ event: other.slug, relation: "CAUSED" }],
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await eventRows()).toEqual(before);
    expect(await db.count("event", "slug = $1", [slug])).toBe(0);
  });

  it("answers CONFLICT for a duplicate slug and writes none of the nested rows", async () => {
    const key = await make.apiKey();
    const existing = await make.event();
    const a = await make.stakeholder();
    const before = await eventRows();
    const res = await db.gql(
      CREATE,
      {
        input: {
          slug: existing.slug,
          title: "Again",
          kind: "OTHER",
          startDate: "2023-01-01",
          participants: [{ stakeholder: a.slug, role: "OTHER" }],
        },
      },
      { key: key.secret },
    );
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(await eventRows()).toEqual(before);
  });

  it("needs an API key", async () => {
    const input = { slug: uniqueSlug("x"), title: "X", kind: "OTHER", startDate: "2023-01-01" };
    const res = await db.gql(CREATE, { input });
    expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("event", "slug = $1", [input.slug])).toBe(0);
  });
});

describe("updateEvent", () => {
  it("changes only the fields sent, replaces or clears the location, and bumps the version", async () => {
    const name = uniqueSlug("analyst-a");
    const a = await make.apiKey(Role.EDITOR, name);
    const src = await make.source();
    const ev = await make.event({ title: "Old", description: "kept", location_name: "Gao", location_country_code: "MLI" });
    const id = toGlobalId("Event", ev.id);

    const first = await db.gql(
      UPDATE,
      { input: { id, version: 1, title: "New", source: src.slug, location: { name: "Bamako", countryCode: "MLI", latitude: 12.6, longitude: -8 } } },
      { key: a.secret },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateEvent).toMatchObject({
      title: "New",
      description: "kept",
      version: 2,
      source: { slug: src.slug },
      location: { name: "Bamako", countryCode: "MLI", latitude: 12.6, longitude: -8 },
    });
    expect(first.data!.updateEvent.updatedBy).toBe(name);

    const second = await db.gql(UPDATE, { input: { id, version: 2, location: null, source: null, endDate: "2023-07-01" } }, { key: a.secret });
    expect(second.errors).toBeUndefined();
    expect(second.data!.updateEvent).toMatchObject({ version: 3, location: null, source: null, endDate: "2023-07-01", title: "New" });
  });

  it("checks the merged event: an end date before the stored start date is refused with its path", async () => {
    const key = await make.apiKey();
    const ev = await make.event({ start_date: "2023-06-16", title: "Unchanged" });
    const id = toGlobalId("Event", ev.id);
    const res = await db.gql(UPDATE, { input: { id, version: 1, endDate: "2023-06-01", title: "Changed" } }, { key: key.secret });
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.endDate" });
    const start = await db.gql(UPDATE, { input: { id, version: 1, datePrecision: "YEAR" } }, { key: key.secret });
    expect(start.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.datePrecision" });
    const [row] = await db.manager.query(`SELECT title, version FROM event WHERE id = $1`, [ev.id]);
    expect(row).toEqual({ title: "Unchanged", version: 1 });
  });

  it("refuses null for required fields and invalid values, with paths", async () => {
    const key = await make.apiKey();
    const ev = await make.event();
    const res = await db.gql(
      UPDATE,
      { input: { id: toGlobalId("Event", ev.id), version: 1, title: null, kind: null, slug: "Nope Nope", cameoCode: "1", location: { latitude: 1, longitude: 200 } } },
      { key: key.secret },
    );
    expect(paths(res)).toEqual(["input.slug", "input.title", "input.cameoCode", "input.location.longitude", "input.title", "input.kind"]);
  });

  it("keeps motions on VOTE events, and ballots from being orphaned by a kind change", async () => {
    const key = await make.apiKey();
    const motion = await make.proposition();
    const meeting = await make.event({ kind: "MEETING" });
    const onMeeting = await db.gql(UPDATE, { input: { id: toGlobalId("Event", meeting.id), version: 1, motion: motion.slug } }, { key: key.secret });
    expect(onMeeting.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.motion" });

    const vote = await make.event({ kind: "VOTE", motion_id: motion.id });
    const voteId = toGlobalId("Event", vote.id);
    const kindOnly = await db.gql(UPDATE, { input: { id: voteId, version: 1, kind: "MEETING" } }, { key: key.secret });
    expect(kindOnly.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.kind" });

    await make.vote({ event_id: vote.id, stakeholder_id: (await make.stakeholder()).id });
    const withBallots = await db.gql(UPDATE, { input: { id: voteId, version: 1, kind: "MEETING", motion: null } }, { key: key.secret });
    expect(withBallots.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.kind", votes: 1 });
    const [row] = await db.manager.query(`SELECT kind, motion_id FROM event WHERE id = $1`, [vote.id]);
    expect(row).toEqual({ kind: "VOTE", motion_id: motion.id });
  });

  it("answers CONFLICT for a stale version, NOT_FOUND for a missing event or source, and refuses the ID of another type", async () => {
    const key = await make.apiKey();
    const ev = await make.event();
    const id = toGlobalId("Event", ev.id);
    expect((await db.gql(UPDATE, { input: { id, version: 1, title: "One" } }, { key: key.secret })).errors).toBeUndefined();
    const stale = await db.gql(UPDATE, { input: { id, version: 1, title: "Two" } }, { key: key.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.version", currentVersion: 2 });

    const missing = await db.gql(UPDATE, { input: { id: toGlobalId("Event", "00000000-0000-4000-8000-000000000000"), version: 1, title: "X" } }, { key: key.secret });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
    const src = await db.gql(UPDATE, { input: { id, version: 2, source: "no-such-source" } }, { key: key.secret });
    expect(src.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.source" });
    const wrongType = await db.gql(UPDATE, { input: { id: toGlobalId("Stakeholder", ev.id), version: 2, title: "X" } }, { key: key.secret });
    expect(wrongType.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    const dup = await db.gql(UPDATE, { input: { id, version: 2, slug: (await make.event()).slug } }, { key: key.secret });
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");
  });

  it("needs an API key", async () => {
    const ev = await make.event({ title: "Same" });
    const res = await db.gql(UPDATE, { input: { id: toGlobalId("Event", ev.id), version: 1, title: "Other" } });
    expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("event", "id = $1 AND title = 'Same'", [ev.id])).toBe(1);
  });
});

describe("deleteEvent", () => {
  it("is for admins: UNAUTHENTICATED without a key, FORBIDDEN for an editor", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const ev = await make.event();
    const id = toGlobalId("Event", ev.id);
    expect((await db.gql(DELETE, { id })).errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect((await db.gql(DELETE, { id }, { key: editor.secret })).errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await db.count("event", "id = $1", [ev.id])).toBe(1);
  });

  it("deletes an event with its participants, claims, relations and ballots", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const ev = await make.event({ kind: "VOTE" });
    const other = await make.event();
    const s = await make.stakeholder();
    await make.participant({ event_id: ev.id, stakeholder_id: s.id });
    await make.vote({ event_id: ev.id, stakeholder_id: s.id });
    await db.manager.query(`INSERT INTO fatality_claim (event_id, best) VALUES ($1, 3)`, [ev.id]);
    await db.manager.query(`INSERT INTO event_relation (from_event_id, to_event_id, relation) VALUES ($1, $2, 'CAUSED')`, [other.id, ev.id]);
    const id = toGlobalId("Event", ev.id);
    const res = await db.gql(DELETE, { id, version: 1 }, { key: admin.secret });
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteEvent).toEqual({ id });
    expect(await db.count("event", "id = $1", [ev.id])).toBe(0);
    for (const [table, col] of [["event_participant", "event_id"], ["vote", "event_id"], ["fatality_claim", "event_id"], ["event_relation", "to_event_id"]]) {
      expect(await db.count(table, `${col} = $1`, [ev.id])).toBe(0);
    }
    expect(await db.count("event", "id = $1", [other.id])).toBe(1);
    expect((await db.gql(DELETE, { id }, { key: admin.secret })).errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("answers CONFLICT while positions link to the event, or for a stale version, and deletes nothing", async () => {
    const admin = await make.apiKey(Role.ADMIN);
    const ev = await make.event();
    const s = await make.stakeholder();
    await make.participant({ event_id: ev.id, stakeholder_id: s.id });
    const p = await make.position({ stakeholder_id: s.id, proposition_id: (await make.proposition()).id });
    const link = await make.positionEvent({ position_id: p.id, event_id: ev.id });
    const id = toGlobalId("Event", ev.id);
    const linked = await db.gql(DELETE, { id }, { key: admin.secret });
    expect(linked.errors![0].extensions).toMatchObject({ code: "CONFLICT", positionLinks: 1 });
    expect(await db.count("event", "id = $1", [ev.id])).toBe(1);
    expect(await db.count("event_participant", "event_id = $1", [ev.id])).toBe(1);

    await db.manager.query(`DELETE FROM position_event WHERE id = $1`, [link.id]);
    const stale = await db.gql(DELETE, { id, version: 7 }, { key: admin.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    expect(await db.count("event", "id = $1", [ev.id])).toBe(1);
  });
});
