import { useTestDatabase } from "../../../test/support/database";
import { factories } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

// Dates in 1987 so that no other data falls into the windows.
async function scene() {
  const s = await make.stakeholder();
  const p = await make.proposition();
  const e1 = await make.event({ start_date: "1987-06-16", title: "First" });
  const e2 = await make.event({ start_date: "1987-07-01", title: "Second" });
  const pos = (stated_on: string, quote: string) =>
    make.position({ stakeholder_id: s.id, proposition_id: p.id, stated_on, quote, quote_language: "en" });
  const before = await pos("1987-06-15", "day before");
  const same = await pos("1987-06-16", "same day");
  const ten = await pos("1987-06-26", "ten days");
  const thirty = await pos("1987-07-16", "thirty days");
  const late = await pos("1987-07-17", "thirty-one days");
  await make.positionEvent({ position_id: same.id, event_id: e1.id, relation: "RESPONDS_TO" });
  await make.positionEvent({ position_id: same.id, event_id: e1.id, relation: "EXPRESSED_AT" });
  await make.positionEvent({ position_id: late.id, event_id: e2.id, relation: "CONDEMNS" });
  return { e1, e2, before, same, ten, thirty, late };
}

const REACTIONS = `query($e: String!, $days: Int, $first: Int, $linked: Boolean) {
  event(slug: $e) { reactions(withinDays: $days, first: $first, linked: $linked) { daysAfter linked relations position { quote } } }
}`;

type ReactionRow = { daysAfter: number; linked: boolean; relations: string[]; position: { quote: string } };
const summary = (list: ReactionRow[]) => list.map((r) => `${r.position.quote}:${r.daysAfter}:${r.linked ? r.relations.join("+") : "-"}`);

describe("Event.reactions", () => {
  it("lists positions from the start date to withinDays later, soonest first, linked or not", async () => {
    const { e1, e2 } = await scene();
    const res = await db.gql(REACTIONS, { e: e1.slug });
    expect(res.errors).toBeUndefined();
    // Default 30 days: 16 June to 16 July inclusive.
    expect(summary(res.data!.event.reactions)).toEqual([
      "same day:0:EXPRESSED_AT+RESPONDS_TO",
      "ten days:10:-",
      "thirty days:30:-",
    ]);
    const wider = await db.gql(REACTIONS, { e: e1.slug, days: 31 });
    expect(summary(wider.data!.event.reactions)).toHaveLength(4);
    const sameDay = await db.gql(REACTIONS, { e: e1.slug, days: 0 });
    expect(summary(sameDay.data!.event.reactions)).toEqual(["same day:0:EXPRESSED_AT+RESPONDS_TO"]);
    const second = await db.gql(REACTIONS, { e: e2.slug });
    expect(summary(second.data!.event.reactions)).toEqual(["thirty days:15:-", "thirty-one days:16:CONDEMNS"]);
  });

  it("filters linked and unlinked positions and caps the list with first", async () => {
    const { e1 } = await scene();
    const linked = await db.gql(REACTIONS, { e: e1.slug, linked: true });
    expect(summary(linked.data!.event.reactions)).toEqual(["same day:0:EXPRESSED_AT+RESPONDS_TO"]);
    const unlinked = await db.gql(REACTIONS, { e: e1.slug, linked: false });
    expect(summary(unlinked.data!.event.reactions)).toEqual(["ten days:10:-", "thirty days:30:-"]);
    const two = await db.gql(REACTIONS, { e: e1.slug, first: 2 });
    expect(summary(two.data!.event.reactions)).toEqual(["same day:0:EXPRESSED_AT+RESPONDS_TO", "ten days:10:-"]);
  });

  it("refuses a window outside 0..3650 days", async () => {
    const { e1 } = await scene();
    for (const days of [-1, 3651]) {
      const res = await db.gql(REACTIONS, { e: e1.slug, days });
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "withinDays" });
    }
  });

  it("batches the reactions of many events into one statement", async () => {
    const { e1, e2 } = await scene();
    const one = await db.gql(`query($a: String!) { a: event(slug: $a) { reactions { daysAfter position { quote } } } }`, { a: e1.slug });
    const two = await db.gql(
      `query($a: String!, $b: String!) {
        a: event(slug: $a) { reactions { daysAfter position { quote } } }
        b: event(slug: $b) { reactions { daysAfter position { quote } } }
      }`,
      { a: e1.slug, b: e2.slug },
    );
    expect(two.errors).toBeUndefined();
    expect(two.data!.b.reactions).toHaveLength(2);
    expect(two.statements).toBe(one.statements);
  });
});

describe("Position.precedingEvents", () => {
  async function preceding(id: string, vars: Record<string, unknown> = {}) {
    const res = await db.gql(
      `query($id: ID!, $days: Int, $linked: Boolean) {
        position(id: $id) { precedingEvents(withinDays: $days, linked: $linked) { daysBefore linked relations event { title } } }
      }`,
      { id, ...vars },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.position.precedingEvents.map(
      (x: { daysBefore: number; linked: boolean; relations: string[]; event: { title: string } }) =>
        `${x.event.title}:${x.daysBefore}:${x.linked ? x.relations.join("+") : "-"}`,
    );
  }

  it("lists events that started within the window before the statement, closest first", async () => {
    const { same, thirty, late, before } = await scene();
    expect(await preceding(same.id)).toEqual(["First:0:EXPRESSED_AT+RESPONDS_TO"]);
    expect(await preceding(thirty.id)).toEqual(["Second:15:-", "First:30:-"]);
    expect(await preceding(late.id)).toEqual(["Second:16:CONDEMNS"]);
    expect(await preceding(late.id, { days: 31 })).toEqual(["Second:16:CONDEMNS", "First:31:-"]);
    expect(await preceding(late.id, { days: 31, linked: false })).toEqual(["First:31:-"]);
    expect(await preceding(before.id)).toEqual([]);
  });

  it("batches many positions into one statement", async () => {
    const { same, ten, thirty, late } = await scene();
    const query = (n: number) =>
      `query { ${[same, ten, thirty, late]
        .slice(0, n)
        .map((p, i) => `p${i}: position(id: "${p.id}") { precedingEvents { daysBefore event { title } } }`)
        .join("\n")} }`;
    const one = await db.gql(query(1));
    const four = await db.gql(query(4));
    expect(four.errors).toBeUndefined();
    expect(four.data!.p2.precedingEvents).toHaveLength(2);
    expect(four.statements).toBe(one.statements);
  });
});
