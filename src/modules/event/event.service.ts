/** Rules and queries for events: the list, and create / update / delete of an event. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { DatePrecision } from "../../common/enums";
import { deleteRow, definedOnly, inTransaction, insertMany, insertRow, parseId, updateRow } from "../../common/crud";
import { Refs } from "../../common/refs";
import { Params, escapeLike, queryRows } from "../../common/sql";
import { Validator } from "../../common/validate";
import { conflict, notFound } from "../../errors";
import { Caller } from "../auth/auth.service";
import { Event, EventKind, EventParticipant, EventRelation, FatalityClaim } from "./event.entity";
import { CreateEventInput, EventFilter, UpdateEventInput } from "./event.inputs";
import {
  checkEventFields,
  checkEventShape,
  checkFatalityClaim,
  checkNoRepeats,
  checkParticipant,
  checkRelation,
  locationColumns,
} from "./event.rules";
import { EventConnection } from "./event.types";
import { Columns } from "../../common/selection";

/** Events overlapping a window, by kind, participant, place or text; oldest first. */
export async function listEvents(
  manager: EntityManager,
  filter: EventFilter | null | undefined,
  page: PageArgs,
  columns?: Columns,
): Promise<EventConnection> {
  const v = new Validator("filter");
  v.date("from", filter?.from);
  v.date("to", filter?.to);
  v.dateRange("filter.from", filter?.from, "to", filter?.to);
  v.countryCode("countryCode", filter?.countryCode);
  v.slug("participant", filter?.participant);
  if (filter?.participantRole?.length && !filter.participant) {
    v.fail("participantRole", "needs filter.participant: the roles are those of that stakeholder");
  }
  v.text("text", filter?.text, { max: 200 });
  v.done();
  const refs = await new Refs().add("Stakeholder", filter?.participant, "filter.participant").resolve(manager);

  const params = new Params();
  const where: string[] = [];
  if (filter?.kind?.length) where.push(`t.kind = ANY(${params.add(filter.kind)}::event_kind[])`);
  // An event matches a window when its span [start, end or start] overlaps it.
  if (filter?.from) where.push(`COALESCE(t.end_date, t.start_date) >= ${params.add(filter.from)}::date`);
  if (filter?.to) where.push(`t.start_date <= ${params.add(filter.to)}::date`);
  if (filter?.participant) {
    const role = filter.participantRole?.length
      ? ` AND p.role = ANY(${params.add(filter.participantRole)}::participant_role[])`
      : "";
    const who = params.add(refs.id("Stakeholder", filter.participant));
    where.push(`EXISTS (SELECT 1 FROM event_participant p WHERE p.event_id = t.id AND p.stakeholder_id = ${who}${role})`);
  }
  if (filter?.countryCode) where.push(`t.location_country_code = ${params.add(filter.countryCode)}`);
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(
      `(t.title ILIKE ${p} OR t.slug ILIKE ${p} OR t.description ILIKE ${p} OR t.document_symbol ILIKE ${p})`,
    );
  }
  return paginate(manager, EventConnection, {
    from: "event t",
    where,
    params,
    sort: [
      { column: "t.start_date", property: "startDate" },
      { column: "t.id", property: "id" },
    ],
    direction: "ASC",
    args: page,
    columns,
  });
}

/** Creates an event with its location, participants, fatality claims and outgoing relations, all or nothing. */
export async function createEvent(manager: EntityManager, input: CreateEventInput, caller: Caller): Promise<Event> {
  const v = new Validator();
  checkEventFields(v, input, true);
  checkEventShape(
    v,
    {
      kind: input.kind,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      datePrecision: input.datePrecision ?? DatePrecision.DAY,
      hasMotion: Boolean(input.motion),
    },
    { endDate: "endDate", precision: "datePrecision", motion: "motion" },
  );
  input.participants?.forEach((p, i) => checkParticipant(v, `participants[${i}].`, p));
  checkNoRepeats(v, "participants", input.participants, (p) => `${p.stakeholder}:${p.role}`);
  input.fatalityClaims?.forEach((c, i) => checkFatalityClaim(v, `fatalityClaims[${i}].`, c));
  input.related?.forEach((r, i) => checkRelation(v, `related[${i}].`, r, input.slug));
  checkNoRepeats(v, "related", input.related, (r) => `${r.event}:${r.relation}`);
  v.done();

  const refs = new Refs().add("Source", input.source, "input.source").add("Proposition", input.motion, "input.motion");
  input.participants?.forEach((p, i) => refs.add("Stakeholder", p.stakeholder, `input.participants[${i}].stakeholder`));
  input.fatalityClaims?.forEach((c, i) => {
    refs.add("Stakeholder", c.claimant, `input.fatalityClaims[${i}].claimant`);
    refs.add("Source", c.source, `input.fatalityClaims[${i}].source`);
  });
  input.related?.forEach((r, i) => refs.add("Event", r.event, `input.related[${i}].event`));
  await refs.resolve(manager);

  return inTransaction(manager, async (tx) => {
    const event = await insertRow<Event>(
      tx,
      Event,
      {
        slug: input.slug,
        title: input.title.trim(),
        kind: input.kind,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        datePrecision: input.datePrecision ?? undefined,
        description: input.description ?? null,
        documentSymbol: input.documentSymbol ?? null,
        acledEventType: input.acledEventType ?? null,
        acledSubEventType: input.acledSubEventType ?? null,
        cameoCode: input.cameoCode ?? null,
        sourceId: refs.id("Source", input.source),
        motionId: refs.id("Proposition", input.motion),
        ...locationColumns(input.location),
      },
      caller,
    );
    await insertMany(
      tx,
      EventParticipant,
      (input.participants ?? []).map((p) => ({
        eventId: event.id,
        stakeholderId: refs.id("Stakeholder", p.stakeholder),
        role: p.role,
        note: p.note ?? null,
      })),
      caller,
    );
    await insertMany(
      tx,
      FatalityClaim,
      (input.fatalityClaims ?? []).map((c) => ({
        eventId: event.id,
        claimantId: refs.id("Stakeholder", c.claimant),
        sourceId: refs.id("Source", c.source),
        low: c.low ?? null,
        best: c.best ?? null,
        high: c.high ?? null,
        note: c.note ?? null,
      })),
      caller,
    );
    await insertMany(
      tx,
      EventRelation,
      (input.related ?? []).map((r) => ({
        fromEventId: event.id,
        toEventId: refs.id("Event", r.event),
        relation: r.relation,
      })),
      caller,
    );
    return event;
  });
}

/** Changes an event's own fields; its participants, claims and relations have their own mutations. */
export async function updateEvent(manager: EntityManager, input: UpdateEventInput, caller: Caller): Promise<Event> {
  const id = parseId(input.id, "Event", "input.id");
  const v = new Validator();
  checkEventFields(v, input, false);
  v.done();
  const refs = await new Refs()
    .add("Source", input.source, "input.source")
    .add("Proposition", input.motion, "input.motion")
    .resolve(manager);

  const { id: _id, version, location, source, motion, ...fields } = input;
  const patch = definedOnly({
    ...fields,
    title: fields.title?.trim(),
    ...(location !== undefined ? locationColumns(location) : {}),
    sourceId: source === undefined ? undefined : refs.id("Source", source),
    motionId: motion === undefined ? undefined : refs.id("Proposition", motion),
  });

  return inTransaction(manager, async (tx) => {
    const [current] = await queryRows<Event>(tx, `SELECT * FROM event WHERE id = $1 FOR UPDATE`, [id]);
    if (!current) throw notFound("Event", input.id, "input.id");
    // A stale version is reported by updateRow; rules are only checked against the row the client saw.
    if (current.version === version) {
      const kind = input.kind ?? current.kind;
      const after = new Validator();
      checkEventShape(
        after,
        {
          kind,
          startDate: input.startDate ?? current.startDate,
          endDate: input.endDate === undefined ? current.endDate : input.endDate,
          datePrecision: input.datePrecision ?? current.datePrecision,
          hasMotion: motion === undefined ? current.motionId !== null : motion !== null,
        },
        {
          endDate: input.endDate != null || input.startDate === undefined ? "endDate" : "startDate",
          precision: input.datePrecision !== undefined ? "datePrecision" : input.startDate != null ? "startDate" : "endDate",
          motion: motion ? "motion" : "kind",
        },
      );
      after.done();
      if (current.kind === EventKind.VOTE && kind !== EventKind.VOTE) {
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM vote WHERE event_id = $1`, [id]);
        if (n > 0) {
          throw conflict(`${n} ballot(s) were cast on this VOTE event; delete them before changing its kind`, {
            field: "input.kind",
            votes: n,
          });
        }
      }
    }
    return updateRow<Event>(tx, Event, "Event", id, version, patch, caller);
  });
}

/**
 * Deletes an event with its participants, fatality claims, relations and
 * ballots. Positions linked to it keep it: unlink them first.
 */
export async function deleteEvent(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Event", "id");
  await inTransaction(manager, async (tx) => {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM position_event WHERE event_id = $1`, [id]);
    if (n > 0) {
      throw conflict(`${n} position link(s) refer to this event; remove them (or the positions) before deleting it`, {
        field: "id",
        positionLinks: n,
      });
    }
    await deleteRow(tx, Event, "Event", id, version);
  });
  return globalId;
}
