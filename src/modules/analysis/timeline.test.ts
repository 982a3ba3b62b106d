import { useTestDatabase } from "../../../test/support/database";
import { factories } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const TIMELINE = `query($from: Date, $to: Date, $s: [String!], $p: [String!], $kinds: [EventKind!], $include: [TimelineItemKind!], $first: Int, $after: String) {
  timeline(from: $from, to: $to, stakeholders: $s, propositions: $p, kinds: $kinds, include: $include, first: $first, after: $after) {
    edges { cursor node { date kind event { title } position { quote } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Page {
  edges: Array<{ cursor: string; node: { date: string; kind: string; event: { title: string } | null; position: { quote: string } | null } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}
const labels = (page: Page) => page.edges.map((e) => `${e.node.date} ${e.node.event?.title ?? e.node.position!.quote}`);

// 1988, so that no other data falls into the window.
const WINDOW = { from: "1988-01-01", to: "1988-12-31" };

async function scene() {
  const s1 = await make.stakeholder();
  const s2 = await make.stakeholder();
  const a = await make.proposition();
  const b = await make.proposition();
  const meeting = await make.event({ start_date: "1988-03-01", title: "meeting", kind: "MEETING" });
  const vote = await make.event({ start_date: "1988-02-01", title: "vote", kind: "VOTE" });
  await make.event({ start_date: "1988-05-01", title: "protest", kind: "PROTEST" });
  await make.participant({ event_id: meeting.id, stakeholder_id: s1.id, role: "HOST" });
  await make.vote({ event_id: vote.id, stakeholder_id: s2.id, choice: "NO" });
  const pos = (s: { id: string }, p: { id: string }, stated_on: string, quote: string) =>
    make.position({ stakeholder_id: s.id, proposition_id: p.id, stated_on, quote, quote_language: "en" });
  const x = await pos(s1, a, "1988-03-01", "x");
  const y = await pos(s2, b, "1988-03-01", "y");
  await pos(s2, a, "1988-04-01", "z");
  // Two positions on the same day come in id order.
  const [first, second] = [x, y].sort((m, n) => (m.id < n.id ? -1 : 1)).map((p) => `1988-03-01 ${p.quote}`);
  return { s1, s2, a, b, sameDay: [first, second] };
}

describe("timeline", () => {
  it("interleaves events and positions by date, events first on a shared day, in one statement", async () => {
    const { sameDay } = await scene();
    const res = await db.gql<{ timeline: Page }>(TIMELINE, WINDOW);
    expect(res.errors).toBeUndefined();
    expect(labels(res.data!.timeline)).toEqual([
      "1988-02-01 vote",
      "1988-03-01 meeting",
      ...sameDay,
      "1988-04-01 z",
      "1988-05-01 protest",
    ]);
    expect(res.data!.timeline.edges[1].node).toMatchObject({ kind: "EVENT", position: null });
    expect(res.data!.timeline.edges[2].node).toMatchObject({ kind: "POSITION", event: null });
    expect(res.statements).toBe(1);
  });

  it("pages with keyset cursors across an event and positions of the same day", async () => {
    const { sameDay } = await scene();
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: { data?: { timeline: Page } | null; errors?: unknown } = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, first: 1, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.timeline;
      seen.push(...labels(page));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["1988-02-01 vote", "1988-03-01 meeting", ...sameDay, "1988-04-01 z", "1988-05-01 protest"]);

    // A page boundary right after the event of 1 March, then right after its first position.
    const one = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, first: 2 });
    const two = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, first: 1, after: one.data!.timeline.pageInfo.endCursor });
    expect(labels(two.data!.timeline)).toEqual([sameDay[0]]);
    const three = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, first: 2, after: two.data!.timeline.pageInfo.endCursor });
    expect(labels(three.data!.timeline)).toEqual([sameDay[1], "1988-04-01 z"]);
  });

  it("filters by stakeholder (their positions, and events they took part in or voted on), proposition, kind and side", async () => {
    const { s1, s2, a, sameDay } = await scene();
    const bySlug = (page: Page) => labels(page);
    const one = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, s: [s1.slug] });
    expect(bySlug(one.data!.timeline)).toEqual(["1988-03-01 meeting", "1988-03-01 x"]);
    const two = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, s: [s2.slug] });
    expect(bySlug(two.data!.timeline)).toEqual(["1988-02-01 vote", "1988-03-01 y", "1988-04-01 z"]);
    const prop = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, p: [a.slug], kinds: ["PROTEST"] });
    expect(bySlug(prop.data!.timeline)).toEqual(["1988-03-01 x", "1988-04-01 z", "1988-05-01 protest"]);
    const eventsOnly = await db.gql<{ timeline: Page }>(TIMELINE, { ...WINDOW, include: ["EVENT"] });
    expect(bySlug(eventsOnly.data!.timeline)).toEqual(["1988-02-01 vote", "1988-03-01 meeting", "1988-05-01 protest"]);
    const positionsInMarch = await db.gql<{ timeline: Page }>(TIMELINE, { from: "1988-03-01", to: "1988-03-31", include: ["POSITION"] });
    expect(bySlug(positionsInMarch.data!.timeline)).toEqual(sameDay);

    const count = await db.gql(`query($s: [String!]) { timeline(from: "1988-01-01", to: "1988-12-31", stakeholders: $s, first: 1) { totalCount } }`, { s: [s2.slug] });
    expect(count.data!.timeline.totalCount).toBe(3);
  });

  it("refuses a foreign cursor, a reversed window and unknown slugs", async () => {
    await scene();
    const cursor = await db.gql(TIMELINE, { after: Buffer.from(JSON.stringify(["x", 1])).toString("base64url") });
    expect(cursor.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const forged = await db.gql(TIMELINE, { after: Buffer.from(JSON.stringify(["1988-01-01", "EVENT", "not-a-uuid"])).toString("base64url") });
    expect(forged.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const reversed = await db.gql(TIMELINE, { from: "1988-02-01", to: "1988-01-01" });
    expect(reversed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    const missing = await db.gql(TIMELINE, { s: ["nobody-at-all"] });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "stakeholders[0]" });
  });
});
