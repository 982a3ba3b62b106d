import { toGlobalId } from "../../common/global-id";
import { Role } from "../auth/api-key.entity";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";

const db = useTestDatabase();
const make = factories(() => db.manager);

const CAST = `mutation($input: CastVoteInput!) {
  castVote(input: $input) { id choice note version createdBy event { slug } stakeholder { slug } explanation { id stance } }
}`;
const UPDATE = `mutation($input: UpdateVoteInput!) { updateVote(input: $input) { id choice note version explanation { id } } }`;
const DELETE = `mutation($id: ID!, $version: Int) { deleteVote(id: $id, version: $version) { id } }`;

type Issue = { path: string };
const paths = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  (res.errors![0].extensions!.issues as Issue[]).map((i) => i.path);

/** A VOTE event on a motion, a voter, and the voter's explanation of vote. */
async function ballotSetup() {
  const motion = await make.proposition();
  const event = await make.event({ kind: "VOTE", motion_id: motion.id, start_date: "2023-06-30" });
  const voter = await make.stakeholder();
  const explanation = await make.position({
    slug: uniqueSlug("eov"),
    stakeholder_id: voter.id,
    proposition_id: motion.id,
    stance: "SUPPORT",
    stated_on: "2023-06-30",
  });
  return { motion, event, voter, explanation };
}

describe("castVote", () => {
  it("records a ballot explained by a position given by slug, and lists it on the event and the stakeholder", async () => {
    const key = await make.apiKey(Role.EDITOR, "vote-editor");
    const { event, voter, explanation } = await ballotSetup();
    const res = await db.gql(
      CAST,
      { input: { event: event.slug, stakeholder: voter.slug, choice: "YES", explanation: explanation.slug, note: "unanimous" } },
      { key: key.secret },
    );
    expect(res.errors).toBeUndefined();
    const vote = res.data!.castVote;
    expect(vote).toMatchObject({
      choice: "YES",
      note: "unanimous",
      version: 1,
      createdBy: "vote-editor",
      event: { slug: event.slug },
      stakeholder: { slug: voter.slug },
      explanation: { id: toGlobalId("Position", explanation.id), stance: "SUPPORT" },
    });
    const read = await db.gql(`query($e: String!, $s: String!, $id: ID!) {
      event(slug: $e) { votes { id choice } }
      stakeholder(slug: $s) { votes { id event { slug } } }
      node(id: $id) { ... on Vote { choice } }
    }`, { e: event.slug, s: voter.slug, id: vote.id });
    expect(read.data).toEqual({
      event: { votes: [{ id: vote.id, choice: "YES" }] },
      stakeholder: { votes: [{ id: vote.id, event: { slug: event.slug } }] },
      node: { choice: "YES" },
    });
  });

  it("accepts the explanation as a position's global ID or uuid, and no explanation at all", async () => {
    const key = await make.apiKey();
    const { event, voter, explanation } = await ballotSetup();
    const byId = await db.gql(
      CAST,
      { input: { event: event.slug, stakeholder: voter.slug, choice: "ABSTAIN", explanation: toGlobalId("Position", explanation.id) } },
      { key: key.secret },
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data!.castVote.explanation.id).toBe(toGlobalId("Position", explanation.id));

    const other = await make.stakeholder();
    const own = await make.position({ stakeholder_id: other.id, proposition_id: explanation.proposition_id });
    const byUuid = await db.gql(CAST, { input: { event: event.slug, stakeholder: other.slug, choice: "NO", explanation: own.id } }, { key: key.secret });
    expect(byUuid.errors).toBeUndefined();

    const third = await make.stakeholder();
    const none = await db.gql(CAST, { input: { event: event.slug, stakeholder: third.slug, choice: "NOT_PRESENT" } }, { key: key.secret });
    expect(none.errors).toBeUndefined();
    expect(none.data!.castVote.explanation).toBeNull();
    expect(await db.count("vote", "event_id = $1", [event.id])).toBe(3);
  });

  it("casts ballots on VOTE events only", async () => {
    const key = await make.apiKey();
    const meeting = await make.event({ kind: "MEETING" });
    const s = await make.stakeholder();
    const res = await db.gql(CAST, { input: { event: meeting.slug, stakeholder: s.slug, choice: "YES" } }, { key: key.secret });
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.event" });
    expect(await db.count("vote", "event_id = $1", [meeting.id])).toBe(0);
  });

  it("answers CONFLICT for a second ballot by the same stakeholder, naming the first", async () => {
    const key = await make.apiKey();
    const { event, voter } = await ballotSetup();
    const first = await db.gql(CAST, { input: { event: event.slug, stakeholder: voter.slug, choice: "YES" } }, { key: key.secret });
    const second = await db.gql(CAST, { input: { event: event.slug, stakeholder: voter.slug, choice: "NO" } }, { key: key.secret });
    expect(second.errors![0].extensions).toMatchObject({
      code: "CONFLICT",
      field: "input.stakeholder",
      existingVote: first.data!.castVote.id,
    });
    expect(second.errors![0].message).toMatch(/updateVote/);
    expect(await db.count("vote", "event_id = $1", [event.id])).toBe(1);
    expect(await db.count("vote", "event_id = $1 AND choice = 'YES'", [event.id])).toBe(1);
  });

  it("validates with paths and answers NOT_FOUND for every missing reference, writing nothing", async () => {
    const key = await make.apiKey();
    const { event, voter } = await ballotSetup();
    const before = await db.count("vote");
    const bad = await db.gql(
      CAST,
      { input: { event: "Bad Event", stakeholder: "", choice: "YES", explanation: "Not a slug or an ID!" } },
      { key: key.secret },
    );
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(paths(bad)).toEqual(["input.event", "input.stakeholder", "input.explanation"]);

    const choice = await db.gql(CAST, { input: { event: event.slug, stakeholder: voter.slug, choice: "MAYBE" } }, { key: key.secret });
    expect(choice.errors![0].extensions!.code).toBe("BAD_USER_INPUT");

    const missing = await db.gql(
      CAST,
      { input: { event: "no-such-vote", stakeholder: "no-such-member", choice: "YES", explanation: "no-such-position" } },
      { key: key.secret },
    );
    expect(missing.errors![0].extensions!.code).toBe("NOT_FOUND");
    expect(paths(missing).sort()).toEqual(["input.event", "input.explanation", "input.stakeholder"]);

    const missingId = await db.gql(
      CAST,
      { input: { event: event.slug, stakeholder: voter.slug, choice: "YES", explanation: toGlobalId("Position", "00000000-0000-4000-8000-000000000000") } },
      { key: key.secret },
    );
    expect(missingId.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.explanation" });
    const wrongType = await db.gql(
      CAST,
      { input: { event: event.slug, stakeholder: voter.slug, choice: "YES", explanation: toGlobalId("Stakeholder", voter.id) } },
      { key: key.secret },
    );
    expect(wrongType.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.explanation" });
    expect(await db.count("vote")).toBe(before);
  });

  it("refuses an explanation that is another stakeholder's position", async () => {
    const key = await make.apiKey();
    const { event, explanation } = await ballotSetup();
    const someoneElse = await make.stakeholder();
    const res = await db.gql(
      CAST,
      { input: { event: event.slug, stakeholder: someoneElse.slug, choice: "YES", explanation: explanation.slug } },
      { key: key.secret },
    );
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.explanation" });
    expect(await db.count("vote", "event_id = $1", [event.id])).toBe(0);
  });

  it("needs an API key", async () => {
    const { event, voter } = await ballotSetup();
    const res = await db.gql(CAST, { input: { event: event.slug, stakeholder: voter.slug, choice: "YES" } });
    expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("vote", "event_id = $1", [event.id])).toBe(0);
  });
});

describe("updateVote and deleteVote", () => {
  it("changes the choice, sets and clears the explanation, with optimistic concurrency", async () => {
    const key = await make.apiKey();
    const { event, voter, explanation } = await ballotSetup();
    const v = await make.vote({ event_id: event.id, stakeholder_id: voter.id, choice: "ABSTAIN" });
    const id = toGlobalId("Vote", v.id);

    const set = await db.gql(UPDATE, { input: { id, version: 1, choice: "YES", explanation: explanation.slug } }, { key: key.secret });
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateVote).toEqual({ id, choice: "YES", note: null, version: 2, explanation: { id: toGlobalId("Position", explanation.id) } });

    const clear = await db.gql(UPDATE, { input: { id, version: 2, explanation: null, note: "corrected" } }, { key: key.secret });
    expect(clear.data!.updateVote).toEqual({ id, choice: "YES", note: "corrected", version: 3, explanation: null });

    const stale = await db.gql(UPDATE, { input: { id, version: 2, choice: "NO" } }, { key: key.secret });
    expect(stale.errors![0].extensions).toMatchObject({ code: "CONFLICT", field: "input.version", currentVersion: 3 });
    expect(await db.count("vote", "id = $1 AND choice = 'YES'", [v.id])).toBe(1);
  });

  it("refuses a null choice, another stakeholder's position and unknown records", async () => {
    const key = await make.apiKey();
    const { event, voter, motion } = await ballotSetup();
    const v = await make.vote({ event_id: event.id, stakeholder_id: voter.id });
    const id = toGlobalId("Vote", v.id);
    const nullChoice = await db.gql(UPDATE, { input: { id, version: 1, choice: null } }, { key: key.secret });
    expect(nullChoice.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.choice" });

    const foreign = await make.position({ stakeholder_id: (await make.stakeholder()).id, proposition_id: motion.id });
    const notOwn = await db.gql(UPDATE, { input: { id, version: 1, explanation: toGlobalId("Position", foreign.id) } }, { key: key.secret });
    expect(notOwn.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.explanation" });

    const noPosition = await db.gql(UPDATE, { input: { id, version: 1, explanation: "no-such-position" } }, { key: key.secret });
    expect(noPosition.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.explanation" });
    const noVote = await db.gql(
      UPDATE,
      { input: { id: toGlobalId("Vote", "00000000-0000-4000-8000-000000000000"), version: 1, choice: "NO" } },
      { key: key.secret },
    );
    expect(noVote.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
    const anonymous = await db.gql(UPDATE, { input: { id, version: 1, choice: "NO" } });
    expect(anonymous.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect(await db.count("vote", "id = $1 AND version = 1 AND explanation_id IS NULL", [v.id])).toBe(1);
  });

  it("deletes a ballot (admin only)", async () => {
    const editor = await make.apiKey(Role.EDITOR);
    const admin = await make.apiKey(Role.ADMIN);
    const { event, voter } = await ballotSetup();
    const v = await make.vote({ event_id: event.id, stakeholder_id: voter.id });
    const id = toGlobalId("Vote", v.id);
    expect((await db.gql(DELETE, { id })).errors![0].extensions!.code).toBe("UNAUTHENTICATED");
    expect((await db.gql(DELETE, { id }, { key: editor.secret })).errors![0].extensions!.code).toBe("FORBIDDEN");
    expect((await db.gql(DELETE, { id, version: 9 }, { key: admin.secret })).errors![0].extensions!.code).toBe("CONFLICT");
    expect(await db.count("vote", "id = $1", [v.id])).toBe(1);
    const ok = await db.gql(DELETE, { id, version: 1 }, { key: admin.secret });
    expect(ok.data!.deleteVote).toEqual({ id });
    expect(await db.count("vote", "id = $1", [v.id])).toBe(0);
    expect((await db.gql(DELETE, { id }, { key: admin.secret })).errors![0].extensions!.code).toBe("NOT_FOUND");
  });
});
