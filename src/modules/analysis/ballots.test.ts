import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const BALLOTS = `query($e: String!, $p: String) {
  event(slug: $e) {
    ballotsVersusWords(proposition: $p) {
      choice consistent
      stakeholder { slug }
      proposition { slug }
      statedPosition { stance statedOn }
      vote { choice }
    }
  }
}`;

interface Ballot {
  choice: string;
  consistent: boolean | null;
  stakeholder: { slug: string };
  proposition: { slug: string };
  statedPosition: { stance: string; statedOn: string } | null;
  vote: { choice: string };
}

async function scene() {
  const terminate = await make.proposition({ slug: uniqueSlug("terminate-mission") });
  const goOn = await make.proposition({ slug: uniqueSlug("mission-should-continue") });
  const vote = await make.event({ kind: "VOTE", start_date: "1989-06-30", motion_id: terminate.id, slug: uniqueSlug("vote") });
  const voters: Record<string, { id: string; slug: string }> = {};
  for (const name of ["s1", "s2", "s3", "s4", "s5", "s6"]) voters[name] = await make.stakeholder({ slug: uniqueSlug(`bv-${name}`) });
  const said = (who: string, p: { id: string }, stance: string, stated_on: string) =>
    make.position({ stakeholder_id: voters[who].id, proposition_id: p.id, stance, stated_on });
  const cast = (who: string, choice: string) => make.vote({ event_id: vote.id, stakeholder_id: voters[who].id, choice });
  await said("s1", terminate, "SUPPORT", "1989-06-01");
  await cast("s1", "YES");
  await said("s2", terminate, "SUPPORT", "1989-05-01");
  await cast("s2", "NO");
  await said("s3", terminate, "MIXED", "1989-06-30");
  await cast("s3", "ABSTAIN");
  await cast("s4", "YES");
  await said("s5", terminate, "OPPOSE", "1989-04-01");
  await said("s5", terminate, "SUPPORT", "1989-07-02");
  await cast("s5", "YES");
  await said("s6", terminate, "SUPPORT", "1989-06-01");
  await cast("s6", "NOT_PRESENT");
  // s1 also says the mission should go on: votes against words through another proposition.
  await said("s1", goOn, "SUPPORT", "1989-06-29");
  const who = new Map(Object.entries(voters).map(([k, v]) => [v.slug, k]));
  const row = (b: Ballot) => `${who.get(b.stakeholder.slug)} ${b.choice} ${b.statedPosition?.stance ?? "-"} ${b.consistent}`;
  return { terminate, goOn, vote, row };
}

describe("Event.ballotsVersusWords", () => {
  it("sets each ballot against the voter's latest stated stance on the motion up to the vote date", async () => {
    const { vote, terminate, row } = await scene();
    const res = await db.gql(BALLOTS, { e: vote.slug });
    expect(res.errors).toBeUndefined();
    const ballots: Ballot[] = res.data!.event.ballotsVersusWords;
    expect(ballots.map(row).sort()).toEqual([
      "s1 YES SUPPORT true",
      "s2 NO SUPPORT false",
      "s3 ABSTAIN MIXED true",
      "s4 YES - null",
      // Its SUPPORT came two days after the vote: the OPPOSE before it counts.
      "s5 YES OPPOSE false",
      "s6 NOT_PRESENT SUPPORT null",
    ]);
    expect(ballots.every((b) => b.proposition.slug === terminate.slug && b.vote.choice === b.choice)).toBe(true);
    // Ballots come YES first, then NO, ABSTAIN, NOT_PRESENT.
    expect(ballots.map((b) => b.choice)).toEqual(["YES", "YES", "YES", "NO", "ABSTAIN", "NOT_PRESENT"]);
  });

  it("compares the ballots with another proposition when asked", async () => {
    const { vote, goOn, row } = await scene();
    const res = await db.gql(BALLOTS, { e: vote.slug, p: goOn.slug });
    const ballots: Ballot[] = res.data!.event.ballotsVersusWords;
    expect(ballots.every((b) => b.proposition.slug === goOn.slug)).toBe(true);
    expect(ballots.map(row).filter((r) => !r.endsWith("null"))).toEqual(["s1 YES SUPPORT true"]);
  });

  it("is empty for events that are not votes and for votes without a motion; an unknown proposition is NOT_FOUND", async () => {
    const { vote } = await scene();
    const meeting = await make.event({ kind: "MEETING" });
    const s = await make.stakeholder();
    await make.vote({ event_id: meeting.id, stakeholder_id: s.id });
    expect((await db.gql(BALLOTS, { e: meeting.slug })).data!.event.ballotsVersusWords).toEqual([]);
    const bare = await make.event({ kind: "VOTE" });
    await make.vote({ event_id: bare.id, stakeholder_id: s.id });
    expect((await db.gql(BALLOTS, { e: bare.slug })).data!.event.ballotsVersusWords).toEqual([]);

    const missing = await db.gql(BALLOTS, { e: vote.slug, p: "no-such-proposition" });
    expect(missing.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "proposition" });
  });

  it("reads the ballots of many votes in one statement", async () => {
    const a = await scene();
    const b = await scene();
    const q = (slugs: string[]) =>
      `query { ${slugs.map((s, i) => `e${i}: event(slug: "${s}") { ballotsVersusWords { consistent stakeholder { slug } statedPosition { stance } } }`).join(" ")} }`;
    const one = await db.gql(q([a.vote.slug]));
    const two = await db.gql(q([a.vote.slug, b.vote.slug]));
    expect(two.errors).toBeUndefined();
    expect(two.data!.e1.ballotsVersusWords).toHaveLength(6);
    expect(two.statements).toBe(one.statements);
  });
});
