/**
 * The MINUSMA case as an analyst would question it: the real seed data
 * (seeds/minusma) is loaded into the test transaction and asked, through
 * GraphQL, what the source article says (Sanaren, "MINUSMA, or the end of
 * multilateralism in Mali"; the expected answers below quote or paraphrase it).
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../src/config";
import { loadSeedsWith } from "../../src/db/seed/seed-loader";
import { useTestDatabase } from "../support/database";

const SEEDS = path.join(projectRoot, "seeds", "minusma");
const db = useTestDatabase();

beforeEach(async () => {
  await loadSeedsWith(db.manager, SEEDS);
});

/** Runs a query that must succeed and returns its data. */
async function ask<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await db.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const slugs = (items: Array<{ stakeholder: { slug: string } }>) => items.map((i) => i.stakeholder.slug).sort();

// "countries such as Ghana, the United States, Japan, Brazil, Switzerland, Malta,
// the United Kingdom, Albania, and Ecuador declared that they would have liked to
// see the mission to continue in light of the security situation in the Sahel."
const NINE = ["albania", "brazil", "ecuador", "ghana", "japan", "malta", "switzerland", "united-kingdom", "united-states"];
// The Council in June 2023: the five permanent members and the ten elected ones.
const COUNCIL_2023 = [
  ...NINE, "china", "france", "gabon", "mozambique", "russia", "united-arab-emirates",
].sort();

describe("the MINUSMA case", () => {
  it("loads, and a second load changes nothing", async () => {
    const again = await loadSeedsWith(db.manager, SEEDS);
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
    expect(again.unchanged).toBeGreaterThan(500);
  });

  it("who wanted the mission to continue: the nine members the article names, who still voted YES", async () => {
    const data = await ask(`{
      positions(filter: { proposition: "minusma-should-continue", stance: [SUPPORT] }, first: 100) {
        totalCount
        edges { node { statedOn stakeholder { slug } events { relation event { slug } } } }
      }
      proposition(slug: "minusma-should-continue") { positions(stance: [SUPPORT]) { stance stakeholder { slug } } }
      event(slug: "vote-resolution-2690") { votes { choice stakeholder { slug } } }
      stakeholder(slug: "unsc-members-favouring-continuation-2023") {
        members(at: "2023-06-30", kind: [PART_OF]) { subject { slug } }
      }
    }`);
    const nodes = data.positions.edges.map((e: any) => e.node);
    expect(slugs(nodes)).toEqual(NINE);
    expect(data.positions.totalCount).toBe(9);
    for (const p of nodes) {
      expect(p.statedOn).toBe("2023-06-30");
      expect(p.events).toContainEqual({ relation: "EXPRESSED_AT", event: { slug: "unsc-meeting-2023-06-30" } });
    }
    expect(slugs(data.proposition.positions)).toEqual(NINE);

    const ballots = new Map(data.event.votes.map((v: any) => [v.stakeholder.slug, v.choice]));
    for (const member of NINE) expect(ballots.get(member)).toBe("YES");
    expect(data.stakeholder.members.map((m: any) => m.subject.slug).sort()).toEqual(NINE);
  });

  it("who backed Mali's sovereign decision: Russia and China, Russia also backing the junta", async () => {
    const data = await ask(`{
      proposition(slug: "mali-decision-to-end-minusma-is-sovereign") {
        positions { stance statedOn stakeholder { slug } events { relation event { slug } } }
      }
      russia: positions(filter: { stakeholder: ["russia"], proposition: "malian-transitional-authorities-deserve-support" }) {
        edges { node { stance statedOn } }
      }
    }`);
    const positions = data.proposition.positions;
    expect(slugs(positions)).toEqual(["china", "russia"]);
    for (const p of positions) {
      expect(p).toMatchObject({ stance: "SUPPORT", statedOn: "2023-06-30" });
      expect(p.events).toContainEqual({ relation: "EXPRESSED_AT", event: { slug: "unsc-meeting-2023-06-30" } });
    }
    expect(data.russia.edges.map((e: any) => e.node)).toEqual([{ stance: "SUPPORT", statedOn: "2023-06-30" }]);
  });

  it("Moura: Mali's 203 militants against the UN's at least 500 dead, and what each side said", async () => {
    const data = await ask(`{
      event(slug: "moura-massacre") {
        kind startDate endDate
        location { name countryCode }
        fatalityClaims { low best high claimant { slug } source { slug } }
        participants(role: [PERPETRATOR]) { stakeholder { slug } }
      }
      positions(filter: { event: "moura-massacre" }, first: 100) {
        edges { node { slug stance stakeholder { slug } proposition { slug } events { relation event { slug } } } }
      }
    }`);
    const moura = data.event;
    expect(moura).toMatchObject({ kind: "MASSACRE", startDate: "2022-03-27", location: { name: "Moura", countryCode: "MLI" } });
    // "Mali claimed to have eliminated 203 jihadist militants" (the army's statement).
    expect(moura.fatalityClaims).toContainEqual(
      expect.objectContaining({ best: 203, claimant: { slug: "malian-armed-forces" } }),
    );
    // "a UN Human Rights Office's report concluded that at least 500 people were killed in Moura".
    expect(moura.fatalityClaims).toContainEqual(
      expect.objectContaining({ low: 500, best: null, claimant: { slug: "ohchr" } }),
    );
    expect(slugs(moura.participants)).toEqual(["malian-armed-forces", "wagner-group"]);

    const said = data.positions.edges.map((e: any) => e.node);
    const link = (slug: string) => said.find((p: any) => p.slug === slug);
    expect(link("malian-armed-forces-moura-203-militants-2022-04")).toMatchObject({
      stance: "SUPPORT",
      proposition: { slug: "moura-operation-killed-203-militants" },
      events: [{ relation: "RESPONDS_TO", event: { slug: "moura-massacre" } }],
    });
    expect(link("ohchr-moura-civilians-massacred-2023-05")).toMatchObject({
      stance: "SUPPORT",
      proposition: { slug: "moura-civilians-massacred" },
    });
    expect(link("ohchr-moura-civilians-massacred-2023-05").events).toContainEqual({ relation: "CONDEMNS", event: { slug: "moura-massacre" } });
    expect(link("mali-transitional-government-rejects-moura-findings-2023-05")).toMatchObject({
      stance: "OPPOSE",
      proposition: { slug: "moura-civilians-massacred" },
    });
    expect(link("mali-transitional-government-rejects-moura-findings-2023-05").events).toContainEqual({
      relation: "DENIES",
      event: { slug: "moura-massacre" },
    });
    // "in April 2022, Russia blocked France's request for an independent investigation into the Moura massacre"
    const investigation = await ask(`{
      proposition(slug: "moura-independent-investigation-needed") { positions { stance stakeholder { slug } } }
    }`);
    const stances = new Map(investigation.proposition.positions.map((p: any) => [p.stakeholder.slug, p.stance]));
    expect(stances.get("france")).toBe("SUPPORT");
    expect(stances.get("russia")).toBe("OPPOSE");
  });

  it("which positions respond to which events: the API returns exactly the links of the seed data", async () => {
    type Link = { event: string; relation: string };
    const file = parse(fs.readFileSync(path.join(SEEDS, "positions.yaml"), "utf8")) as Array<{ slug: string; events?: Link[] }>;
    const expected = file
      .flatMap((p) => (p.events ?? []).filter((l) => l.relation === "RESPONDS_TO").map((l) => `${p.slug} → ${l.event}`))
      .sort();
    expect(expected.length).toBeGreaterThan(0);

    const data = await ask(`{
      positions(filter: { relation: [RESPONDS_TO] }, first: 100) {
        totalCount
        edges { node { slug events(relation: [RESPONDS_TO]) { relation event { slug } } } }
      }
    }`);
    const actual = data.positions.edges
      .flatMap((e: any) => e.node.events.map((l: any) => `${e.node.slug} → ${l.event.slug}`))
      .sort();
    expect(actual).toEqual(expected);
    // The Council's termination answers Mali's demand of 16 June 2023.
    expect(actual).toContain("un-security-council-terminate-mandate-2023-06 → unsc-meeting-2023-06-16");

    const byEvent = await ask(`{
      event(slug: "ohchr-moura-report-published") {
        positionLinks(relation: [RESPONDS_TO]) { relation position { slug stance stakeholder { slug } } }
      }
    }`);
    expect(byEvent.event.positionLinks.map((l: any) => l.position.slug).sort()).toEqual([
      "mali-transitional-government-moura-dead-were-terrorists-2023-05",
      "mali-transitional-government-rejects-moura-findings-2023-05",
    ]);
  });

  it("the vote of 30 June 2023 on resolution 2690 was unanimous: 15 YES ballots, one per Council member", async () => {
    const data = await ask(`{
      event(slug: "vote-resolution-2690") {
        kind startDate documentSymbol
        motion { slug }
        votes { choice stakeholder { slug } }
      }
      stakeholder(slug: "un-security-council") {
        members(at: "2023-06-30", kind: [PERMANENT_MEMBER_OF, ELECTED_MEMBER_OF]) { subject { slug } }
      }
    }`);
    expect(data.event).toMatchObject({
      kind: "VOTE",
      startDate: "2023-06-30",
      documentSymbol: "S/RES/2690 (2023)",
      motion: { slug: "minusma-mandate-should-be-terminated-2023" },
    });
    expect(data.event.votes).toHaveLength(15);
    expect(new Set(data.event.votes.map((v: any) => v.choice))).toEqual(new Set(["YES"]));
    expect(slugs(data.event.votes)).toEqual(COUNCIL_2023);
    expect(data.stakeholder.members.map((m: any) => m.subject.slug).sort()).toEqual(COUNCIL_2023);
  });

  it("words against ballots: the nine who wanted the mission to continue voted YES on ending it", async () => {
    const data = await ask(`{
      event(slug: "vote-resolution-2690") {
        ballotsVersusWords(proposition: "minusma-should-continue", yesOpposes: true) {
          choice consistent stakeholder { slug } statedPosition { stance }
        }
      }
    }`);
    const ballots: Array<{ choice: string; consistent: boolean | null; stakeholder: { slug: string } }> =
      data.event.ballotsVersusWords;
    const inconsistent = ballots.filter((b) => b.consistent === false).map((b) => b.stakeholder.slug).sort();
    expect(inconsistent).toEqual(NINE);
    expect(ballots.filter((b) => b.consistent === false).every((b) => b.choice === "YES")).toBe(true);
  });

  it("Diop's words of 16 June 2023, verbatim, spoken for the transitional government", async () => {
    const data = await ask(`{
      positions(filter: { speaker: "abdoulaye-diop" }, first: 100) {
        edges { node {
          quote quoteLanguage statedOn datePrecision stance
          stakeholder { slug } speaker { slug name } proposition { slug } source { slug }
          events { relation event { slug } }
        } }
      }
    }`);
    const nodes = data.positions.edges.map((e: any) => e.node);
    const withdraw = nodes.find((p: any) => p.proposition.slug === "minusma-should-withdraw-without-delay");
    // Diop "demanded “the withdrawal of MINSUMA without delay.”" (the article's typo kept).
    expect(withdraw).toMatchObject({
      quote: "the withdrawal of MINSUMA without delay.",
      quoteLanguage: "en",
      statedOn: "2023-06-16",
      datePrecision: "DAY",
      stance: "SUPPORT",
      stakeholder: { slug: "mali-transitional-government" },
      speaker: { slug: "abdoulaye-diop", name: "Abdoulaye Diop" },
      source: { slug: "sanaren-minusma-article" },
      events: [{ relation: "EXPRESSED_AT", event: { slug: "unsc-meeting-2023-06-16" } }],
    });
    const problem = nodes.find((p: any) => p.proposition.slug === "minusma-is-part-of-the-problem");
    expect(problem.quote).toBe(
      "MINUSMA appears to become part of the problem, by fuelling communal tensions, exacerbated by allegations of " +
        "extreme gravity, and that bring prejudice to peace, reconciliation, and to national cohesion in Mali",
    );
    expect(problem.statedOn).toBe("2023-06-16");
    for (const p of nodes) expect(p.statedOn).toBe("2023-06-16");

    const text = await ask(`{ positions(filter: { text: "MINSUMA without delay" }) { edges { node { speaker { slug } statedOn } } } }`);
    expect(text.positions.edges.map((e: any) => e.node)).toEqual([{ speaker: { slug: "abdoulaye-diop" }, statedOn: "2023-06-16" }]);
  });

  it("Mali is PART_OF the Alliance of Sahel States from 2023-09-16, and not the day before", async () => {
    const query = `query($at: Date!) {
      stakeholder(slug: "mali") { affiliations(at: $at, kind: [PART_OF]) { validFrom validTo object { slug } } }
      alliance: stakeholder(slug: "alliance-of-sahel-states") { members(at: $at) { kind subject { slug } } }
    }`;
    const on = await ask(query, { at: "2023-09-16" });
    expect(on.stakeholder.affiliations).toContainEqual({ validFrom: "2023-09-16", validTo: null, object: { slug: "alliance-of-sahel-states" } });
    // "a defence pact created in September 2023 by the military juntas of Mali, Burkina Faso and Niger"
    expect(on.alliance.members.filter((m: any) => m.kind === "PART_OF").map((m: any) => m.subject.slug).sort()).toEqual([
      "burkina-faso",
      "mali",
      "niger",
    ]);
    const later = await ask(query, { at: "2024-06-01" });
    expect(later.stakeholder.affiliations.map((a: any) => a.object.slug)).toContain("alliance-of-sahel-states");

    const before = await ask(query, { at: "2023-09-15" });
    expect(before.stakeholder.affiliations.map((a: any) => a.object.slug)).not.toContain("alliance-of-sahel-states");
    expect(before.alliance.members).toEqual([]);

    const root = await ask(`{
      affiliations(filter: { subject: "mali", object: "alliance-of-sahel-states", at: "2023-09-16" }) {
        edges { node { kind validFrom source { slug } } }
      }
    }`);
    expect(root.affiliations.edges.map((e: any) => e.node)).toEqual([
      { kind: "PART_OF", validFrom: "2023-09-16", source: { slug: expect.any(String) } },
    ]);
  });
});
