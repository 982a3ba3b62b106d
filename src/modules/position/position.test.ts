import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";
import { toGlobalId } from "../../common/global-id";

const db = useTestDatabase();
const make = factories(() => db.manager);

const LIST = `query($filter: PositionFilter, $first: Int, $after: String) {
  positions(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

/** A small world: two states, a person speaking for one, two propositions, a source, two events. */
async function world() {
  const mali = await make.stakeholder({ slug: uniqueSlug("mali"), name: "Mali" });
  const france = await make.stakeholder({ slug: uniqueSlug("france"), name: "France" });
  const minister = await make.stakeholder({ slug: uniqueSlug("diop"), name: "Abdoulaye Diop", kind: "PERSON" });
  const withdraw = await make.proposition({ slug: uniqueSlug("withdraw"), text: "MINUSMA should withdraw" });
  const renew = await make.proposition({ slug: uniqueSlug("renew"), text: "The mandate should be renewed" });
  const record = await make.source({ slug: uniqueSlug("s-pv-9350"), kind: "MEETING_RECORD" });
  const meeting = await make.event({ slug: uniqueSlug("unsc-meeting") });
  const vote = await make.event({ slug: uniqueSlug("unsc-vote"), kind: "VOTE", start_date: "2023-06-30" });
  const p = async (slug: string, values: Record<string, unknown>) =>
    make.position({ slug: uniqueSlug(slug), stakeholder_id: mali.id, proposition_id: withdraw.id, ...values });
  const demand = await p("demand", {
    stated_on: "2023-06-16",
    speaker_id: minister.id,
    source_id: record.id,
    quote: "Le Mali demande le retrait sans délai de la MINUSMA",
    quote_language: "fr",
    confidence: 1,
  });
  const earlier = await p("earlier", { stated_on: "2023-01-01", date_precision: "YEAR", stance: "MIXED", confidence: 0.4, note: "Ambiguous 100%_ wording" });
  const french = await p("french", { stakeholder_id: france.id, proposition_id: renew.id, stated_on: "2023-06-30", stance: "SUPPORT" });
  const against = await p("against", { stakeholder_id: france.id, stated_on: "2023-06-16", stance: "OPPOSE", confidence: 0.7 });
  await make.positionEvent({ position_id: demand.id, event_id: meeting.id, relation: "EXPRESSED_AT" });
  await make.positionEvent({ position_id: demand.id, event_id: vote.id, relation: "RESPONDS_TO", note: "ahead of the vote" });
  await make.positionEvent({ position_id: french.id, event_id: vote.id, relation: "EXPRESSED_AT" });
  return { mali, france, minister, withdraw, renew, record, meeting, vote, demand, earlier, french, against };
}

type W = Awaited<ReturnType<typeof world>>;
const both = (w: W) => [w.mali.slug, w.france.slug];
const slugs = (res: { data?: Record<string, any> | null }) =>
  res.data!.positions.edges.map((e: { node: { slug: string } }) => e.node.slug);

describe("position queries", () => {
  it("reads a position by global ID with its stakeholder, proposition, speaker, source and event links", async () => {
    const w = await world();
    const id = toGlobalId("Position", w.demand.id);
    const res = await db.gql(
      `query($id: ID!) { position(id: $id) {
        id slug stance statedOn datePrecision quote quoteLanguage confidence
        stakeholder { slug } proposition { slug } speaker { slug kind } source { slug kind }
        events { relation note event { slug } position { id } }
        onlyResponses: events(relation: [RESPONDS_TO]) { event { slug } }
      } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    // Links made in one transaction share created_at, so their order is by id: compare as sets.
    res.data!.position.events.sort((a: { relation: string }, b: { relation: string }) => a.relation.localeCompare(b.relation));
    expect(res.data!.position).toEqual({
      id,
      slug: w.demand.slug,
      stance: "SUPPORT",
      statedOn: "2023-06-16",
      datePrecision: "DAY",
      quote: "Le Mali demande le retrait sans délai de la MINUSMA",
      quoteLanguage: "fr",
      confidence: 1,
      stakeholder: { slug: w.mali.slug },
      proposition: { slug: w.withdraw.slug },
      speaker: { slug: w.minister.slug, kind: "PERSON" },
      source: { slug: w.record.slug, kind: "MEETING_RECORD" },
      events: [
        { relation: "EXPRESSED_AT", note: null, event: { slug: w.meeting.slug }, position: { id } },
        { relation: "RESPONDS_TO", note: "ahead of the vote", event: { slug: w.vote.slug }, position: { id } },
      ],
      onlyResponses: [{ event: { slug: w.vote.slug } }],
    });
    const plain = await db.gql(`query($id: ID!) { position(id: $id) { speaker { slug } source { slug } events { relation } } }`, {
      id: toGlobalId("Position", w.against.id),
    });
    expect(plain.data!.position).toEqual({ speaker: null, source: null, events: [] });
  });

  it("answers null for an unknown position, and BAD_USER_INPUT on `id` for a malformed or foreign ID", async () => {
    const w = await world();
    const unknown = await db.gql(`query($id: ID!) { position(id: $id) { id } }`, {
      id: toGlobalId("Position", "00000000-0000-4000-8000-000000000000"),
    });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.position).toBeNull();
    for (const id of ["not-an-id", toGlobalId("Stakeholder", w.mali.id)]) {
      const res = await db.gql(`query($id: ID!) { position(id: $id) { id } }`, { id });
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    }
  });

  it("lists newest first, ties broken by id descending", async () => {
    const w = await world();
    const res = await db.gql(LIST, { filter: { stakeholder: both(w) } });
    expect(res.errors).toBeUndefined();
    const tied = [w.demand, w.against].sort((a, b) => (a.id < b.id ? 1 : -1)).map((p) => p.slug);
    expect(slugs(res)).toEqual([w.french.slug, ...tied, w.earlier.slug]);
    expect(res.data!.positions.totalCount).toBe(4);
  });

  it("filters by stakeholder (one slug or several), proposition, stance, speaker and source", async () => {
    const w = await world();
    const sorted = async (filter: Record<string, unknown>) => slugs(await db.gql(LIST, { filter })).sort();
    expect(await sorted({ stakeholder: w.mali.slug })).toEqual([w.demand.slug, w.earlier.slug].sort());
    expect(await sorted({ stakeholder: both(w) })).toHaveLength(4);
    // An empty list is no condition, as for stance.
    expect(await sorted({ stakeholder: [], proposition: w.renew.slug })).toEqual([w.french.slug]);
    expect(await sorted({ stakeholder: both(w), proposition: w.renew.slug })).toEqual([w.french.slug]);
    expect(await sorted({ stakeholder: both(w), stance: ["OPPOSE", "MIXED"] })).toEqual([w.earlier.slug, w.against.slug].sort());
    expect(await sorted({ speaker: w.minister.slug })).toEqual([w.demand.slug]);
    expect(await sorted({ source: w.record.slug })).toEqual([w.demand.slug]);
  });

  it("filters by date range (inclusive on statedOn), text in quote or note, and minimum confidence", async () => {
    const w = await world();
    const sorted = async (filter: Record<string, unknown>) => slugs(await db.gql(LIST, { filter })).sort();
    const s = both(w);
    expect(await sorted({ stakeholder: s, from: "2023-06-16", to: "2023-06-16" })).toEqual([w.demand.slug, w.against.slug].sort());
    expect(await sorted({ stakeholder: s, from: "2023-06-17" })).toEqual([w.french.slug]);
    expect(await sorted({ stakeholder: s, to: "2023-01-01" })).toEqual([w.earlier.slug]);
    expect(await sorted({ stakeholder: s, text: "RETRAIT sans" })).toEqual([w.demand.slug]);
    expect(await sorted({ stakeholder: s, text: "100%_" })).toEqual([w.earlier.slug]);
    // LIKE wildcards in the text match literally.
    expect(await sorted({ stakeholder: s, text: "%" })).toEqual([w.earlier.slug]);
    expect(await sorted({ stakeholder: s, minConfidence: 0.7 })).toEqual([w.demand.slug, w.french.slug, w.against.slug].sort());
  });

  it("filters by linked event, by event and relation, and by relation alone", async () => {
    const w = await world();
    const sorted = async (filter: Record<string, unknown>) => slugs(await db.gql(LIST, { filter })).sort();
    expect(await sorted({ event: w.vote.slug })).toEqual([w.demand.slug, w.french.slug].sort());
    expect(await sorted({ event: w.vote.slug, relation: ["EXPRESSED_AT"] })).toEqual([w.french.slug]);
    expect(await sorted({ event: w.meeting.slug, relation: ["RESPONDS_TO", "CONDEMNS"] })).toEqual([]);
    expect(await sorted({ stakeholder: both(w), relation: ["RESPONDS_TO"] })).toEqual([w.demand.slug]);
  });

  it("treats unknown slugs in the filter as matching nothing, not as an error", async () => {
    await world();
    for (const filter of [
      { stakeholder: ["no-such-stakeholder"] },
      { proposition: "no-such-proposition" },
      { event: "no-such-event" },
      { speaker: "nobody" },
      { source: "no-such-source" },
    ]) {
      const res = await db.gql(LIST, { filter });
      expect(res.errors).toBeUndefined();
      expect(res.data!.positions.totalCount).toBe(0);
    }
  });

  it("reports invalid filters with paths under `filter`", async () => {
    const res = await db.gql(LIST, { filter: { from: "2023-07-01", to: "2023-06-01", minConfidence: 1.5 } });
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual(["filter.to", "filter.minConfidence"]);
    const badDate = await db.gql(LIST, { filter: { from: "2023-02-30" } });
    expect(badDate.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("pages with keyset cursors across positions stated on the same day", async () => {
    const s = await make.stakeholder();
    const prop = await make.proposition();
    for (let i = 0; i < 5; i++) {
      await make.position({ slug: uniqueSlug(`same-day-${i}`), stakeholder_id: s.id, proposition_id: prop.id, stated_on: i < 4 ? "2023-06-16" : "2022-01-01" });
    }
    const filter = { stakeholder: s.slug };
    const p1 = (await db.gql(LIST, { filter, first: 2 })).data!.positions;
    expect(p1.totalCount).toBe(5);
    expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const p2 = (await db.gql(LIST, { filter, first: 2, after: p1.pageInfo.endCursor })).data!.positions;
    expect(p2.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const p3 = (await db.gql(LIST, { filter, first: 2, after: p2.pageInfo.endCursor })).data!.positions;
    expect(p3.pageInfo.hasNextPage).toBe(false);
    const paged = [...p1.edges, ...p2.edges, ...p3.edges].map((e: { node: { slug: string } }) => e.node.slug);
    const all = slugs(await db.gql(LIST, { filter, first: 10 }));
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(5);

    const tooMany = await db.gql(LIST, { first: 101 });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const badCursor = await db.gql(LIST, { after: "nope" });
    expect(badCursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("batches nested fields: the statement count does not grow with the number of positions", async () => {
    const query = `query($filter: PositionFilter) { positions(filter: $filter, first: 50) { nodes {
      stakeholder { slug } proposition { slug } speaker { slug } source { slug }
      events { relation event { slug } position { slug } }
    } } }`;
    const run = async (n: number) => {
      const s = await make.stakeholder();
      const person = await make.stakeholder({ kind: "PERSON" });
      const src = await make.source();
      const ev = await make.event();
      for (let i = 0; i < n; i++) {
        const prop = await make.proposition();
        const pos = await make.position({ stakeholder_id: s.id, proposition_id: prop.id, speaker_id: person.id, source_id: src.id });
        await make.positionEvent({ position_id: pos.id, event_id: ev.id });
      }
      const res = await db.gql(query, { filter: { stakeholder: s.slug } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.positions.nodes).toHaveLength(n);
      return res.statements;
    };
    const few = await run(2);
    const many = await run(8);
    expect(many).toBe(few);
  });
});
