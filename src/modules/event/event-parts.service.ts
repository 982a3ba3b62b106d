/** Rules for what hangs off an event: participants, fatality claims and relations to other events. */
import { EntityManager } from "typeorm";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { toGlobalId } from "../../common/global-id";
import { Refs } from "../../common/refs";
import { queryRows } from "../../common/sql";
import { Validator } from "../../common/validate";
import { conflict, notFound } from "../../errors";
import { Caller } from "../auth/auth.service";
import { EventParticipant, EventRelation, FatalityClaim } from "./event.entity";
import {
  AddEventParticipantInput,
  AddFatalityClaimInput,
  RelateEventsInput,
  UpdateFatalityClaimInput,
} from "./event.inputs";
import { checkFatalityClaim, checkFatalityCounts, checkParticipant } from "./event.rules";

export async function addEventParticipant(
  manager: EntityManager,
  input: AddEventParticipantInput,
  caller: Caller,
): Promise<EventParticipant> {
  const v = new Validator();
  if (!input.event) v.fail("event", "is required");
  else v.slug("event", input.event);
  checkParticipant(v, "", input);
  v.done();
  const refs = await new Refs()
    .add("Event", input.event, "input.event")
    .add("Stakeholder", input.stakeholder, "input.stakeholder")
    .resolve(manager);
  const eventId = refs.id("Event", input.event)!;
  const stakeholderId = refs.id("Stakeholder", input.stakeholder)!;
  return inTransaction(manager, async (tx) => {
    const existing: Array<{ id: string }> = await tx.query(
      `SELECT id FROM event_participant WHERE event_id = $1 AND stakeholder_id = $2 AND role = $3`,
      [eventId, stakeholderId, input.role],
    );
    if (existing.length) {
      throw conflict(`"${input.stakeholder}" already takes part in "${input.event}" as ${input.role}`, {
        field: "input.role",
        existing: toGlobalId("EventParticipant", existing[0].id),
      });
    }
    return insertRow<EventParticipant>(
      tx,
      EventParticipant,
      { eventId, stakeholderId, role: input.role, note: input.note ?? null },
      caller,
    );
  });
}

export async function removeEventParticipant(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "EventParticipant", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, EventParticipant, "EventParticipant", id, version));
  return globalId;
}

export async function addFatalityClaim(
  manager: EntityManager,
  input: AddFatalityClaimInput,
  caller: Caller,
): Promise<FatalityClaim> {
  const v = new Validator();
  if (!input.event) v.fail("event", "is required");
  else v.slug("event", input.event);
  checkFatalityClaim(v, "", input);
  v.done();
  const refs = await new Refs()
    .add("Event", input.event, "input.event")
    .add("Stakeholder", input.claimant, "input.claimant")
    .add("Source", input.source, "input.source")
    .resolve(manager);
  return inTransaction(manager, (tx) =>
    insertRow<FatalityClaim>(
      tx,
      FatalityClaim,
      {
        eventId: refs.id("Event", input.event),
        claimantId: refs.id("Stakeholder", input.claimant),
        sourceId: refs.id("Source", input.source),
        low: input.low ?? null,
        best: input.best ?? null,
        high: input.high ?? null,
        note: input.note ?? null,
      },
      caller,
    ),
  );
}

export async function updateFatalityClaim(
  manager: EntityManager,
  input: UpdateFatalityClaimInput,
  caller: Caller,
): Promise<FatalityClaim> {
  const id = parseId(input.id, "FatalityClaim", "input.id");
  const v = new Validator();
  v.slug("claimant", input.claimant);
  v.slug("source", input.source);
  v.text("note", input.note, { max: 5000 });
  for (const f of ["low", "best", "high"] as const) {
    const n = input[f];
    if (n != null && (!Number.isInteger(n) || n < 0)) v.fail(f, "must be a whole number, 0 or more");
  }
  v.done();
  const refs = await new Refs()
    .add("Stakeholder", input.claimant, "input.claimant")
    .add("Source", input.source, "input.source")
    .resolve(manager);
  const { id: _id, version, claimant, source, ...counts } = input;
  const patch = definedOnly({
    ...counts,
    claimantId: claimant === undefined ? undefined : refs.id("Stakeholder", claimant),
    sourceId: source === undefined ? undefined : refs.id("Source", source),
  });
  return inTransaction(manager, async (tx) => {
    const [current] = await queryRows<FatalityClaim>(tx, `SELECT * FROM fatality_claim WHERE id = $1 FOR UPDATE`, [id]);
    if (!current) throw notFound("FatalityClaim", input.id, "input.id");
    if (current.version === version) {
      // The counts must stay ordered once merged with the stored ones.
      const after = new Validator();
      const pick = (f: "low" | "best" | "high") => (input[f] === undefined ? current[f] : input[f]);
      checkFatalityCounts(
        after,
        "",
        { low: pick("low"), best: pick("best"), high: pick("high") },
        { low: input.low !== undefined, best: input.best !== undefined, high: input.high !== undefined },
      );
      after.done();
    }
    return updateRow<FatalityClaim>(tx, FatalityClaim, "FatalityClaim", id, version, patch, caller);
  });
}

export async function deleteFatalityClaim(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "FatalityClaim", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, FatalityClaim, "FatalityClaim", id, version));
  return globalId;
}

export async function relateEvents(manager: EntityManager, input: RelateEventsInput, caller: Caller): Promise<EventRelation> {
  const v = new Validator();
  if (!input.from) v.fail("from", "is required");
  else v.slug("from", input.from);
  if (!input.to) v.fail("to", "is required");
  else v.slug("to", input.to);
  if (input.from && input.from === input.to) v.fail("to", "an event cannot be related to itself");
  v.done();
  const refs = await new Refs().add("Event", input.from, "input.from").add("Event", input.to, "input.to").resolve(manager);
  const fromEventId = refs.id("Event", input.from)!;
  const toEventId = refs.id("Event", input.to)!;
  return inTransaction(manager, async (tx) => {
    const existing: Array<{ id: string }> = await tx.query(
      `SELECT id FROM event_relation WHERE from_event_id = $1 AND to_event_id = $2 AND relation = $3`,
      [fromEventId, toEventId, input.relation],
    );
    if (existing.length) {
      throw conflict(`"${input.from}" already ${input.relation} "${input.to}"`, {
        field: "input.relation",
        existing: toGlobalId("EventRelation", existing[0].id),
      });
    }
    return insertRow<EventRelation>(tx, EventRelation, { fromEventId, toEventId, relation: input.relation }, caller);
  });
}

export async function unrelateEvents(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "EventRelation", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, EventRelation, "EventRelation", id, version));
  return globalId;
}
