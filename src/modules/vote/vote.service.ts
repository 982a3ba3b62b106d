/** Rules for ballots: only on VOTE events, one per stakeholder per event, explained by the voter's own position. */
import { EntityManager } from "typeorm";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { fromGlobalId, isUuid, toGlobalId } from "../../common/global-id";
import { Refs } from "../../common/refs";
import { queryRows } from "../../common/sql";
import { SLUG, Validator } from "../../common/validate";
import { AppError, ErrorCode, badInput, conflict, notFound } from "../../errors";
import { Caller } from "../auth/auth.service";
import { EventKind } from "../event/event.entity";
import { eventKind } from "../event/event.rules";
import { Vote } from "./vote.entity";
import { CastVoteInput, UpdateVoteInput } from "./vote.inputs";

type PositionRef = { id: string; slug?: undefined } | { slug: string; id?: undefined };

/** Reads an explanation given as a position's global ID (or uuid) or slug. */
function positionRef(v: Validator, field: string, value: string | null | undefined): PositionRef | null {
  if (value === null || value === undefined) return null;
  // A uuid also looks like a slug, so it is tried first.
  if (isUuid(value)) return { id: value };
  if (SLUG.test(value) && value.length <= 100) return { slug: value };
  const parsed = fromGlobalId(value);
  if (parsed?.type === "Position") return { id: parsed.id };
  v.fail(field, "must be the global ID or the slug of a Position");
  return null;
}

/** The explaining position's id and holder; NOT_FOUND when an ID names no position. */
async function explanation(
  manager: EntityManager,
  ref: PositionRef,
  refs: Refs,
  raw: string,
): Promise<{ id: string; stakeholderId: string }> {
  const id = ref.id ?? refs.id("Position", ref.slug)!;
  const [row] = await queryRows<{ id: string; stakeholderId: string }>(
    manager,
    `SELECT id, stakeholder_id FROM position WHERE id = $1`,
    [id],
  );
  if (!row) {
    const issue = { path: "input.explanation", message: `no Position has the ID "${raw}"` };
    throw new AppError(ErrorCode.NOT_FOUND, `${issue.path}: ${issue.message}`, { field: issue.path, issues: [issue] });
  }
  return row;
}

function notTheVotersPosition(): AppError {
  return badInput([
    { path: "input.explanation", message: "must be a position of the stakeholder who cast the ballot" },
  ]);
}

export async function castVote(manager: EntityManager, input: CastVoteInput, caller: Caller): Promise<Vote> {
  const v = new Validator();
  if (!input.event) v.fail("event", "is required");
  else v.slug("event", input.event);
  if (!input.stakeholder) v.fail("stakeholder", "is required");
  else v.slug("stakeholder", input.stakeholder);
  const ref = positionRef(v, "explanation", input.explanation);
  v.text("note", input.note, { max: 5000 });
  v.done();
  const refs = await new Refs()
    .add("Event", input.event, "input.event")
    .add("Stakeholder", input.stakeholder, "input.stakeholder")
    .add("Position", ref?.slug, "input.explanation")
    .resolve(manager);
  const eventId = refs.id("Event", input.event)!;
  const stakeholderId = refs.id("Stakeholder", input.stakeholder)!;
  const kind = await eventKind(manager, eventId);
  if (kind !== EventKind.VOTE) {
    throw badInput([{ path: "input.event", message: `is a ${kind} event; ballots are cast on VOTE events only` }]);
  }
  const explained = ref ? await explanation(manager, ref, refs, input.explanation!) : null;
  if (explained && explained.stakeholderId !== stakeholderId) throw notTheVotersPosition();

  return inTransaction(manager, async (tx) => {
    const existing: Array<{ id: string }> = await tx.query(
      `SELECT id FROM vote WHERE event_id = $1 AND stakeholder_id = $2`,
      [eventId, stakeholderId],
    );
    if (existing.length) {
      const id = toGlobalId("Vote", existing[0].id);
      throw conflict(`"${input.stakeholder}" already cast a ballot on "${input.event}" (${id}); change it with updateVote`, {
        field: "input.stakeholder",
        existingVote: id,
      });
    }
    return insertRow<Vote>(
      tx,
      Vote,
      { eventId, stakeholderId, choice: input.choice, explanationId: explained?.id ?? null, note: input.note ?? null },
      caller,
    );
  });
}

export async function updateVote(manager: EntityManager, input: UpdateVoteInput, caller: Caller): Promise<Vote> {
  const id = parseId(input.id, "Vote", "input.id");
  const v = new Validator();
  if (input.choice === null) v.fail("choice", "cannot be null");
  const ref = positionRef(v, "explanation", input.explanation);
  v.text("note", input.note, { max: 5000 });
  v.done();
  const refs = await new Refs().add("Position", ref?.slug, "input.explanation").resolve(manager);
  const explained = ref ? await explanation(manager, ref, refs, input.explanation!) : null;
  const patch = definedOnly({
    choice: input.choice ?? undefined,
    note: input.note,
    explanationId: input.explanation === undefined ? undefined : (explained?.id ?? null),
  });
  return inTransaction(manager, async (tx) => {
    const [current] = await queryRows<Vote>(tx, `SELECT * FROM vote WHERE id = $1 FOR UPDATE`, [id]);
    if (!current) throw notFound("Vote", input.id, "input.id");
    if (current.version === input.version && explained && explained.stakeholderId !== current.stakeholderId) {
      throw notTheVotersPosition();
    }
    return updateRow<Vote>(tx, Vote, "Vote", id, input.version, patch, caller);
  });
}

export async function deleteVote(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Vote", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Vote, "Vote", id, version));
  return globalId;
}
