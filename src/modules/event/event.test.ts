import { toGlobalId } from "../../common/global-id";
import { GqlResult, useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

type Slugged = { node: { slug: string } };
const slugs = (edges: Slugged[]) => edges.map((e) => e.node.slug);

/** Runs `events(filter)` and returns the matching slugs, oldest first. */
async function eventSlugs(filter: Record<string, unknown>, first = 100): Promise<string[]> {
  const res = await db.gql(`query($filter: EventFilter, $first: Int) { events(filter: $filter, first: $first) { edges { node { slug } } } }`, {
    filter,
    first,
  });
  expect(res.errors).toBeUndefined();
  return slugs(res.data!.events.edges);
}

describe("event queries", () => {
  it("reads an event by slug and by node id, with its own fields; an unknown slug is null", async () => {
    const ev = await make.event({
      title: "Resolution 2690 adopted",
      kind: "RESOLUTION_ADOPTED",
      start_date: "2023-06-30",
      end_date: "2023-06-30",
      document_symbol: "S/RES/2690 (2023)",
      cameo_code: "057",
      acled_event_type: "Strategic developments",
      acled_sub_event_type: "Agreement",
      description: "The Council ends the mandate.",
    });
    const res = await db.gql(`query($slug: String!, $id: ID!) {
      event(slug: $slug) { id slug title kind startDate endDate datePrecision description documentSymbol cameoCode acledEventType acledSubEventType version }
      node(id: $id) { ... on Event { slug } }
      missing: event(slug: "no-such-event") { slug }
    }`, { slug: ev.slug, id: toGlobalId("Event", ev.id) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.event).toEqual({
      id: toGlobalId("Event", ev.id),
      slug: ev.slug,
      title: "Resolution 2690 adopted",
      kind: "RESOLUTION_ADOPTED",
      startDate: "2023-06-30",
      endDate: "2023-06-30",
      datePrecision: "DAY",
      description: "The Council ends the mandate.",
      documentSymbol: "S/RES/2690 (2023)",
      cameoCode: "057",
      acledEventType: "Strategic developments",
      acledSubEventType: "Agreement",
      version: 1,
    });
    expect(res.data!.node).toEqual({ slug: ev.slug });
    expect(res.data!.missing).toBeNull();
  });

  it("filters by kind, by a date window that overlaps the event's span, and by country", async () => {
    const tag = uniqueSlug("win");
    const a = await make.event({ slug: `${tag}-a`, kind: "ARMED_CLASH", start_date: "2022-03-27", end_date: "2022-03-31", location_country_code: "MLI" });
    const b = await make.event({ slug: `${tag}-b`, kind: "VOTE", start_date: "2023-06-30", location_country_code: "USA" });
    const c = await make.event({ slug: `${tag}-c`, kind: "WITHDRAWAL", start_date: "2023-07-01", end_date: "2023-12-31", location_country_code: "MLI" });
    const text = tag;

    expect(await eventSlugs({ text })).toEqual([a.slug, b.slug, c.slug]);
    expect(await eventSlugs({ text, kind: ["VOTE", "WITHDRAWAL"] })).toEqual([b.slug, c.slug]);
    // The clash ran until 31 March: a window starting on 30 March still meets it.
    expect(await eventSlugs({ text, from: "2022-03-30", to: "2022-04-30" })).toEqual([a.slug]);
    // The withdrawal started before the window and ended inside it.
    expect(await eventSlugs({ text, from: "2023-08-01" })).toEqual([c.slug]);
    // An event without an end date is a single day.
    expect(await eventSlugs({ text, from: "2023-07-01", to: "2023-07-01" })).toEqual([c.slug]);
    expect(await eventSlugs({ text, to: "2023-06-30" })).toEqual([a.slug, b.slug]);
    expect(await eventSlugs({ text, countryCode: "MLI" })).toEqual([a.slug, c.slug]);
  });

  it("filters by participant, optionally by its role", async () => {
    const tag = uniqueSlug("part");
    const wagner = await make.stakeholder();
    const mali = await make.stakeholder();
    const e1 = await make.event({ slug: `${tag}-1`, start_date: "2022-03-27" });
    const e2 = await make.event({ slug: `${tag}-2`, start_date: "2022-05-01" });
    const e3 = await make.event({ slug: `${tag}-3`, start_date: "2022-06-01" });
    await make.participant({ event_id: e1.id, stakeholder_id: wagner.id, role: "PERPETRATOR" });
    await make.participant({ event_id: e2.id, stakeholder_id: wagner.id, role: "SUBJECT" });
    await make.participant({ event_id: e2.id, stakeholder_id: mali.id, role: "HOST" });
    await make.participant({ event_id: e3.id, stakeholder_id: mali.id, role: "PERPETRATOR" });

    expect(await eventSlugs({ participant: wagner.slug })).toEqual([e1.slug, e2.slug]);
    expect(await eventSlugs({ participant: wagner.slug, participantRole: ["PERPETRATOR"] })).toEqual([e1.slug]);
    expect(await eventSlugs({ participant: mali.slug, participantRole: ["HOST", "PERPETRATOR"] })).toEqual([e2.slug, e3.slug]);

    const unknown = await db.gql(`{ events(filter: { participant: "nobody-at-all" }) { totalCount } }`);
    expect(unknown.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "filter.participant" });
  });

  it("matches text in title, description, slug and document symbol, literally", async () => {
    const tag = uniqueSlug("txt");
    const byTitle = await make.event({ slug: `${tag}-a`, title: `Kidal ${tag} handover`, start_date: "2023-10-31" });
    const bySymbol = await make.event({ slug: `${tag}-b`, document_symbol: `S/RES/${tag}`, start_date: "2023-06-30" });
    const byDescription = await make.event({ slug: `${tag}-c`, description: `About ${tag.toUpperCase()}.`, start_date: "2023-01-01" });
    await make.event({ title: "100% unrelated", start_date: "2023-01-02" });

    expect(await eventSlugs({ text: tag })).toEqual([byDescription.slug, bySymbol.slug, byTitle.slug]);
    expect(await eventSlugs({ text: `S/RES/${tag}` })).toEqual([bySymbol.slug]);
    // `%` is matched as a character, not as a wildcard.
    expect(await eventSlugs({ text: `${tag}%` })).toEqual([]);
  });

  it("sorts by start date then id, and pages with cursors and a totalCount", async () => {
    const tag = uniqueSlug("page");
    const made = [];
    for (const d of ["2023-03-01", "2023-01-01", "2023-02-01", "2023-01-01", "2023-04-01"]) {
      made.push(await make.event({ slug: uniqueSlug(tag), start_date: d, title: tag }));
    }
    const expected = [...made]
      .sort((x, y) => (x.start_date === y.start_date ? (x.id < y.id ? -1 : 1) : x.start_date < y.start_date ? -1 : 1))
      .map((e) => e.slug);

    const q = `query($after: String) { events(first: 2, after: $after, filter: { text: "${tag}" }) {
      totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 3; i++) {
      const res: GqlResult = await db.gql(q, { after });
      expect(res.errors).toBeUndefined();
      const conn = res.data!.events;
      expect(conn.totalCount).toBe(5);
      expect(conn.pageInfo.hasPreviousPage).toBe(i > 0);
      expect(conn.pageInfo.hasNextPage).toBe(i < 2);
      seen.push(...slugs(conn.edges));
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const tooMany = await db.gql(`{ events(first: 101) { totalCount } }`);
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await db.gql(`{ events(after: "nope") { totalCount } }`);
    expect(badCursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("validates the filter with paths", async () => {
    const res = await db.gql(`{ events(filter: { from: "2023-07-01", to: "2023-06-01", countryCode: "mli", participant: "Not A Slug" }) { totalCount } }`);
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual([
      "filter.to",
      "filter.countryCode",
      "filter.participant",
    ]);

    const roleAlone = await db.gql(`{ events(filter: { participantRole: [HOST] }) { totalCount } }`);
    expect(roleAlone.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.participantRole" });

    const badDate = await db.gql(`query($f: EventFilter) { events(filter: $f) { totalCount } }`, { f: { from: "2023-02-30" } });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(badDate.errors![0].message).toMatch(/from/);
  });
});

describe("event fields", () => {
  /** An event with one of everything that hangs off it. */
  async function richEvent(tag: string, start = "2023-06-30") {
    const source = await make.source();
    const motion = await make.proposition();
    const voter = await make.stakeholder({ slug: uniqueSlug(`${tag}-voter`) });
    const host = await make.stakeholder({ slug: uniqueSlug(`${tag}-host`) });
    const ev = await make.event({
      slug: uniqueSlug(tag),
      title: tag,
      kind: "VOTE",
      start_date: start,
      source_id: source.id,
      motion_id: motion.id,
      location_name: "New York",
      location_country_code: "USA",
      location_latitude: 40.75,
      location_longitude: -73.97,
      location_precision: "EXACT",
    });
    const other = await make.event({ slug: uniqueSlug("other"), start_date: "2023-12-31" });
    const earlier = await make.event({ slug: uniqueSlug("earlier"), start_date: "2023-06-16" });
    await make.participant({ event_id: ev.id, stakeholder_id: voter.id, role: "VOTER" });
    await make.participant({ event_id: ev.id, stakeholder_id: host.id, role: "HOST", note: "Council chamber" });
    const claim = (await db.manager.query(
      `INSERT INTO fatality_claim (event_id, claimant_id, source_id, low, best, high, note) VALUES ($1, $2, $3, 1, 2, 3, 'n') RETURNING *`,
      [ev.id, host.id, source.id],
    ))[0];
    await db.manager.query(`INSERT INTO event_relation (from_event_id, to_event_id, relation) VALUES ($1, $2, 'CAUSED'), ($3, $1, 'PRECEDED')`, [
      ev.id,
      other.id,
      earlier.id,
    ]);
    const explanation = await make.position({ stakeholder_id: voter.id, proposition_id: motion.id, stated_on: "2023-06-30" });
    const older = await make.position({ stakeholder_id: host.id, proposition_id: motion.id, stated_on: "2023-06-01" });
    await make.positionEvent({ position_id: explanation.id, event_id: ev.id, relation: "EXPRESSED_AT" });
    await make.positionEvent({ position_id: older.id, event_id: ev.id, relation: "RESPONDS_TO" });
    await make.vote({ event_id: ev.id, stakeholder_id: voter.id, choice: "YES", explanation_id: explanation.id });
    return { ev, other, earlier, source, motion, voter, host, claim, explanation, older };
  }

  const FIELDS = `
    slug
    location { name adminRegion countryCode latitude longitude precision }
    source { slug }
    motion { slug }
    participants { role note event { slug } stakeholder { slug } }
    hosts: participants(role: [HOST]) { stakeholder { slug } }
    fatalityClaims { low best high note claimant { slug } source { slug } event { slug } }
    votes { choice event { slug } stakeholder { slug } explanation { id } }
    positions { id }
    expressed: positions(relation: [EXPRESSED_AT]) { id }
    newest: positions(first: 1) { id }
    positionLinks { relation }
    responses: positionLinks(relation: [RESPONDS_TO]) { relation }
    related { relation from { slug } to { slug } }
    relatedFrom { relation from { slug } to { slug } }`;

  it("resolves every nested field", async () => {
    const r = await richEvent(uniqueSlug("rich"));
    const res = await db.gql(`query($slug: String!) { event(slug: $slug) { ${FIELDS} } }`, { slug: r.ev.slug });
    expect(res.errors).toBeUndefined();
    const e = res.data!.event;
    expect(e.location).toEqual({ name: "New York", adminRegion: null, countryCode: "USA", latitude: 40.75, longitude: -73.97, precision: "EXACT" });
    expect(e.source).toEqual({ slug: r.source.slug });
    expect(e.motion).toEqual({ slug: r.motion.slug });
    expect(e.participants).toEqual(
      expect.arrayContaining([
        { role: "VOTER", note: null, event: { slug: r.ev.slug }, stakeholder: { slug: r.voter.slug } },
        { role: "HOST", note: "Council chamber", event: { slug: r.ev.slug }, stakeholder: { slug: r.host.slug } },
      ]),
    );
    expect(e.participants).toHaveLength(2);
    expect(e.hosts).toEqual([{ stakeholder: { slug: r.host.slug } }]);
    expect(e.fatalityClaims).toEqual([
      { low: 1, best: 2, high: 3, note: "n", claimant: { slug: r.host.slug }, source: { slug: r.source.slug }, event: { slug: r.ev.slug } },
    ]);
    expect(e.votes).toEqual([
      { choice: "YES", event: { slug: r.ev.slug }, stakeholder: { slug: r.voter.slug }, explanation: { id: toGlobalId("Position", r.explanation.id) } },
    ]);
    expect(e.positions).toEqual([{ id: toGlobalId("Position", r.explanation.id) }, { id: toGlobalId("Position", r.older.id) }]);
    expect(e.expressed).toEqual([{ id: toGlobalId("Position", r.explanation.id) }]);
    expect(e.newest).toEqual([{ id: toGlobalId("Position", r.explanation.id) }]);
    expect(e.positionLinks.map((l: { relation: string }) => l.relation).sort()).toEqual(["EXPRESSED_AT", "RESPONDS_TO"]);
    expect(e.responses).toEqual([{ relation: "RESPONDS_TO" }]);
    expect(e.related).toEqual([{ relation: "CAUSED", from: { slug: r.ev.slug }, to: { slug: r.other.slug } }]);
    expect(e.relatedFrom).toEqual([{ relation: "PRECEDED", from: { slug: r.earlier.slug }, to: { slug: r.ev.slug } }]);
  });

  it("gives null location, source and motion, and empty lists, for a bare event", async () => {
    const ev = await make.event();
    const res = await db.gql(`query($slug: String!) { event(slug: $slug) { ${FIELDS} } }`, { slug: ev.slug });
    expect(res.errors).toBeUndefined();
    expect(res.data!.event).toMatchObject({
      location: null,
      source: null,
      motion: null,
      participants: [],
      fatalityClaims: [],
      votes: [],
      positions: [],
      positionLinks: [],
      related: [],
      relatedFrom: [],
    });
  });

  it("gives a location when only some location columns are set", async () => {
    const ev = await make.event({ location_admin_region: "Mopti" });
    const res = await db.gql(`query($slug: String!) { event(slug: $slug) { location { name adminRegion latitude } } }`, { slug: ev.slug });
    expect(res.data!.event.location).toEqual({ name: null, adminRegion: "Mopti", latitude: null });
  });

  it("lists an event's positions newest statement first, following a changed date, each position once", async () => {
    const ev = await make.event();
    const s = await make.stakeholder();
    const p = await make.proposition();
    const [a, b, c] = await Promise.all(
      ["2023-06-01", "2023-06-10", "2023-06-20"].map((d) => make.position({ stakeholder_id: s.id, proposition_id: p.id, stated_on: d })),
    );
    for (const pos of [a, b, c]) await make.positionEvent({ position_id: pos.id, event_id: ev.id, relation: "RESPONDS_TO" });
    // A second link of the same position must not list it twice.
    await make.positionEvent({ position_id: c.id, event_id: ev.id, relation: "CONDEMNS" });
    const q = `query($slug: String!) { event(slug: $slug) { positions(first: 2) { id } all: positions { id } } }`;
    const ids = (res: { data?: Record<string, any> | null }) => (res.data!.event.positions as Array<{ id: string }>).map((x) => x.id);
    const gid = (row: { id: string }) => toGlobalId("Position", row.id);

    const before = await db.gql(q, { slug: ev.slug });
    expect(ids(before)).toEqual([gid(c), gid(b)]);
    expect(before.data!.event.all).toHaveLength(3);

    // The links carry the position's date (for the index); a new date reorders them.
    await db.manager.query(`UPDATE position SET stated_on = '2023-07-01' WHERE id = $1`, [a.id]);
    expect(ids(await db.gql(q, { slug: ev.slug }))).toEqual([gid(a), gid(c)]);
    const [{ n }] = await db.manager.query(
      `SELECT count(*)::int AS n FROM position_event l JOIN position p ON p.id = l.position_id
       WHERE l.event_id = $1 AND l.position_stated_on <> p.stated_on`,
      [ev.id],
    );
    expect(n).toBe(0);
  });

  it("batches nested fields: the statement count does not grow with the number of events", async () => {
    const tag = uniqueSlug("batch");
    const q = `{ events(first: 10, filter: { text: "${tag}" }) { edges { node { ${FIELDS} } } } }`;
    await richEvent(tag, "2023-06-30");
    const one = await db.gql(q);
    expect(one.errors).toBeUndefined();
    expect(one.data!.events.edges.length).toBe(1);
    for (let i = 0; i < 3; i++) await richEvent(tag, `2023-07-0${i + 1}`);
    const many = await db.gql(q);
    expect(many.errors).toBeUndefined();
    expect(many.data!.events.edges.length).toBe(4);
    expect(many.statements).toBe(one.statements);
  });
});
