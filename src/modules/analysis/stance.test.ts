import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const HISTORY = `query($s: String!, $p: String!) {
  stanceHistory(stakeholder: $s, proposition: $p) { stance statedOn changed previousStance position { id quote } }
}`;

describe("stanceHistory", () => {
  it("lists positions oldest first and flags each change of stance", async () => {
    const s = await make.stakeholder();
    const other = await make.stakeholder();
    const p = await make.proposition();
    const at = (stance: string, stated_on: string, quote: string) =>
      make.position({ stakeholder_id: s.id, proposition_id: p.id, stance, stated_on, quote, quote_language: "en" });
    // Recorded out of order on purpose.
    await at("OPPOSE", "2023-06-16", "third");
    await at("SUPPORT", "2021-01-10", "first");
    await at("SUPPORT", "2022-03-01", "second");
    await at("NEUTRAL", "2023-09-01", "fourth");
    await make.position({ stakeholder_id: other.id, proposition_id: p.id, stance: "MIXED", stated_on: "2022-01-01" });

    const res = await db.gql(HISTORY, { s: s.slug, p: p.slug });
    expect(res.errors).toBeUndefined();
    expect(
      res.data!.stanceHistory.map((e: { stance: string; statedOn: string; changed: boolean; previousStance: string | null; position: { quote: string } }) => [
        e.position.quote,
        e.statedOn,
        e.stance,
        e.changed,
        e.previousStance,
      ]),
    ).toEqual([
      ["first", "2021-01-10", "SUPPORT", false, null],
      ["second", "2022-03-01", "SUPPORT", false, "SUPPORT"],
      ["third", "2023-06-16", "OPPOSE", true, "SUPPORT"],
      ["fourth", "2023-09-01", "NEUTRAL", true, "OPPOSE"],
    ]);
  });

  it("orders positions of the same day by when they were recorded", async () => {
    const s = await make.stakeholder();
    const p = await make.proposition();
    await make.position({ stakeholder_id: s.id, proposition_id: p.id, stance: "OPPOSE", stated_on: "2023-06-16", created_at: "2023-06-16T12:00:00Z" });
    await make.position({ stakeholder_id: s.id, proposition_id: p.id, stance: "SUPPORT", stated_on: "2023-06-16", created_at: "2023-06-16T09:00:00Z" });
    const res = await db.gql(HISTORY, { s: s.slug, p: p.slug });
    expect(res.data!.stanceHistory.map((e: { stance: string; changed: boolean }) => [e.stance, e.changed])).toEqual([
      ["SUPPORT", false],
      ["OPPOSE", true],
    ]);
  });

  it("answers an empty list for a pair without positions, and NOT_FOUND naming each unknown slug", async () => {
    const s = await make.stakeholder();
    const p = await make.proposition();
    const empty = await db.gql(HISTORY, { s: s.slug, p: p.slug });
    expect(empty.data!.stanceHistory).toEqual([]);

    const missing = await db.gql(HISTORY, { s: "nobody-here", p: "no-such-claim" });
    expect(missing.data).toBeNull();
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "stakeholder" });
    expect(missing.errors![0].extensions!.issues.map((i: { path: string }) => i.path)).toEqual(["stakeholder", "proposition"]);
  });
});

describe("Proposition.stanceSummary", () => {
  const SUMMARY = `query($a: String!, $b: String!, $at: Date) {
    a: proposition(slug: $a) { stanceSummary(at: $at) { at support oppose neutral mixed total } }
    b: proposition(slug: $b) { stanceSummary(at: $at) { at support oppose neutral mixed total } }
  }`;

  it("counts each stakeholder's latest position on or before the date, batched across propositions", async () => {
    const [s1, s2, s3, s4] = await Promise.all([1, 2, 3, 4].map(() => make.stakeholder()));
    const a = await make.proposition({ slug: uniqueSlug("sum-a") });
    const b = await make.proposition({ slug: uniqueSlug("sum-b") });
    const pos = (s: { id: string }, p: { id: string }, stance: string, stated_on: string) =>
      make.position({ stakeholder_id: s.id, proposition_id: p.id, stance, stated_on });
    await pos(s1, a, "SUPPORT", "2022-01-01");
    await pos(s1, a, "OPPOSE", "2023-06-01");
    await pos(s2, a, "SUPPORT", "2022-05-01");
    await pos(s3, a, "NEUTRAL", "2022-07-01");
    await pos(s3, a, "MIXED", "2023-01-01");
    await pos(s4, a, "OPPOSE", "2023-07-01");
    await pos(s1, b, "OPPOSE", "2022-02-01");

    const mid = await db.gql(SUMMARY, { a: a.slug, b: b.slug, at: "2022-12-31" });
    expect(mid.errors).toBeUndefined();
    expect(mid.data!.a.stanceSummary).toEqual({ at: "2022-12-31", support: 2, oppose: 0, neutral: 1, mixed: 0, total: 3 });
    expect(mid.data!.b.stanceSummary).toEqual({ at: "2022-12-31", support: 0, oppose: 1, neutral: 0, mixed: 0, total: 1 });

    const later = await db.gql(SUMMARY, { a: a.slug, b: b.slug, at: "2023-12-31" });
    expect(later.data!.a.stanceSummary).toEqual({ at: "2023-12-31", support: 1, oppose: 2, neutral: 0, mixed: 1, total: 4 });

    const before = await db.gql(SUMMARY, { a: a.slug, b: b.slug, at: "2021-01-01" });
    expect(before.data!.a.stanceSummary).toMatchObject({ support: 0, oppose: 0, neutral: 0, mixed: 0, total: 0 });

    // Today by default: everything so far.
    const today = await db.gql(SUMMARY, { a: a.slug, b: b.slug });
    expect(today.data!.a.stanceSummary).toMatchObject({ support: 1, oppose: 2, mixed: 1, total: 4 });
    expect(today.data!.a.stanceSummary.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("uses one statement for the summaries of many propositions", async () => {
    const s = await make.stakeholder();
    const tag = uniqueSlug("sumtag");
    for (let i = 0; i < 6; i++) {
      const p = await make.proposition({ tags: [tag] });
      await make.position({ stakeholder_id: s.id, proposition_id: p.id, stance: i % 2 ? "SUPPORT" : "OPPOSE" });
    }
    const few = await db.gql(`query($t: String!) { search(text: $t, types: [PROPOSITION], first: 2) { node { ... on Proposition { stanceSummary { total } } } } }`, { t: tag });
    const many = await db.gql(`query($t: String!) { search(text: $t, types: [PROPOSITION], first: 6) { node { ... on Proposition { stanceSummary { total } } } } }`, { t: tag });
    expect(many.errors).toBeUndefined();
    expect(many.data!.search).toHaveLength(6);
    expect(many.data!.search.every((h: { node: { stanceSummary: { total: number } } }) => h.node.stanceSummary.total === 1)).toBe(true);
    expect(many.statements).toBe(few.statements);
  });
});
