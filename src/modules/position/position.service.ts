/** Rules, queries and writes for positions and their links to events. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertMany, insertRow, parseId, updateRow } from "../../common/crud";
import { DatePrecision } from "../../common/enums";
import { Refs } from "../../common/refs";
import { escapeLike, Params, queryObjects } from "../../common/sql";
import { Validator } from "../../common/validate";
import { AppError, ErrorCode, FieldIssue, notFound } from "../../errors";
import { Caller } from "../auth/auth.service";
import { requirePersonSpeaker } from "../stakeholder/stakeholder.service";
import { Source } from "../source/source.entity";
import { Position, PositionEventLink } from "./position.entity";
import {
  CreatePositionInput,
  LinkPositionToEventInput,
  PositionFilter,
  RecordPositionInput,
  UpdatePositionInput,
} from "./position.inputs";
import {
  validateEventLinks,
  validateNewSource,
  validatePositionConsistency,
  validatePositionFields,
} from "./position.rules";
import { PositionConnection } from "./position.types";
import { Columns } from "../../common/selection";

/** Positions matching `filter`, newest statement first (ties by id), keyset-paged. */
export function listPositions(
  manager: EntityManager,
  filter: PositionFilter | null | undefined,
  page: PageArgs,
  columns?: Columns,
): Promise<PositionConnection> {
  const v = new Validator("filter");
  v.date("from", filter?.from);
  v.date("to", filter?.to);
  v.dateRange("from", filter?.from, "to", filter?.to);
  v.range("minConfidence", filter?.minConfidence, 0, 1);
  v.text("text", filter?.text, { max: 500 });
  v.done();

  const params = new Params();
  const where: string[] = [];
  // Slug filters are subqueries rather than looked-up ids: an unknown slug then
  // matches nothing, in the same statement.
  const bySlug = (column: string, table: string, slugs: string[]) =>
    where.push(`t.${column} IN (SELECT id FROM ${table} WHERE slug = ANY(${params.add(slugs)}::text[]))`);
  if (filter?.stakeholder?.length) bySlug("stakeholder_id", "stakeholder", filter.stakeholder);
  if (filter?.proposition != null) bySlug("proposition_id", "proposition", [filter.proposition]);
  if (filter?.speaker != null) bySlug("speaker_id", "stakeholder", [filter.speaker]);
  if (filter?.source != null) bySlug("source_id", "source", [filter.source]);
  if (filter?.stance?.length) where.push(`t.stance = ANY(${params.add(filter.stance)}::stance[])`);
  if (filter?.from) where.push(`t.stated_on >= ${params.add(filter.from)}::date`);
  if (filter?.to) where.push(`t.stated_on <= ${params.add(filter.to)}::date`);
  if (filter?.minConfidence != null) where.push(`t.confidence >= ${params.add(filter.minConfidence)}::float8`);
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(`(t.quote ILIKE ${p} OR t.note ILIKE ${p})`);
  }
  const relation = filter?.relation?.length ? filter.relation : null;
  if (filter?.event != null || relation) {
    const link = ["pe.position_id = t.id"];
    if (filter?.event != null) {
      link.push(`pe.event_id IN (SELECT id FROM event WHERE slug = ${params.add(filter.event)}::text)`);
    }
    if (relation) link.push(`pe.relation = ANY(${params.add(relation)}::position_event_relation[])`);
    where.push(`EXISTS (SELECT 1 FROM position_event pe WHERE ${link.join(" AND ")})`);
  }
  return paginate(manager, PositionConnection, {
    from: "position t",
    where,
    params,
    sort: [
      { column: "t.stated_on", property: "statedOn" },
      { column: "t.id", property: "id" },
    ],
    direction: "DESC",
    args: page,
    columns,
  });
}

/** Creates a position that refers to an existing source (if any) and links to no events. */
export function createPosition(manager: EntityManager, input: CreatePositionInput, caller: Caller): Promise<Position> {
  return recordPosition(manager, input, caller);
}

/**
 * Writes a position with its evidence in one transaction: a new source if
 * asked for, the position, then its event links. Every reference is resolved
 * before anything is written, and any failure after that (a duplicate slug…)
 * rolls back the source and links along with the position.
 */
export async function recordPosition(
  manager: EntityManager,
  input: RecordPositionInput | CreatePositionInput,
  caller: Caller,
): Promise<Position> {
  const newSource = (input as RecordPositionInput).newSource ?? null;
  const links = (input as RecordPositionInput).events ?? [];
  const datePrecision = input.datePrecision ?? DatePrecision.DAY;
  const v = new Validator();
  validatePositionFields(v, input, true);
  validatePositionConsistency(v, {
    statedOn: input.statedOn,
    datePrecision,
    quote: input.quote ?? null,
    quoteLanguage: input.quoteLanguage ?? null,
  });
  if (newSource) {
    if (input.source != null) v.fail("newSource", "give either source (an existing one) or newSource, not both");
    validateNewSource(v, "newSource", newSource);
  }
  validateEventLinks(v, "events", links);
  v.done();

  const refs = new Refs()
    .add("Stakeholder", input.stakeholder, "input.stakeholder")
    .add("Proposition", input.proposition, "input.proposition")
    .add("Stakeholder", input.speaker, "input.speaker")
    .add("Source", newSource ? null : input.source, "input.source");
  links.forEach((l, i) => refs.add("Event", l.event, `input.events[${i}].event`));
  await refs.resolve(manager);
  const speakerId = refs.id("Stakeholder", input.speaker);
  await requirePersonSpeaker(manager, speakerId, input.speaker, "stakeholder");

  return inTransaction(manager, async (tx) => {
    const sourceId = newSource
      ? (
          await insertRow<Source>(
            tx,
            Source,
            {
              slug: newSource.slug,
              kind: newSource.kind,
              title: newSource.title.trim(),
              publisher: newSource.publisher ?? null,
              author: newSource.author ?? null,
              publishedOn: newSource.publishedOn ?? null,
              url: newSource.url ?? null,
              documentSymbol: newSource.documentSymbol ?? null,
              language: newSource.language ?? null,
            },
            caller,
          )
        ).id
      : refs.id("Source", input.source);
    const position = await insertRow<Position>(
      tx,
      Position,
      {
        slug: input.slug ?? null,
        stakeholderId: refs.id("Stakeholder", input.stakeholder),
        propositionId: refs.id("Proposition", input.proposition),
        stance: input.stance,
        statedOn: input.statedOn,
        datePrecision,
        quote: input.quote ?? null,
        quoteLanguage: input.quoteLanguage ?? null,
        speakerId,
        sourceId,
        locator: input.locator ?? null,
        confidence: input.confidence ?? 1,
        note: input.note ?? null,
      },
      caller,
    );
    await insertMany(
      tx,
      PositionEventLink,
      links.map((l) => ({
        positionId: position.id,
        eventId: refs.id("Event", l.event)!,
        relation: l.relation,
        note: l.note ?? null,
      })),
      caller,
    );
    return position;
  });
}

/**
 * Changes the fields sent; rules that tie fields together (date precision,
 * quote language) are checked on the stored row with the change applied.
 */
export async function updatePosition(manager: EntityManager, input: UpdatePositionInput, caller: Caller): Promise<Position> {
  const id = parseId(input.id, "Position", "input.id");
  const v = new Validator();
  validatePositionFields(v, input, false);
  v.done();

  const refs = new Refs()
    .add("Stakeholder", input.stakeholder, "input.stakeholder")
    .add("Proposition", input.proposition, "input.proposition")
    .add("Stakeholder", input.speaker, "input.speaker")
    .add("Source", input.source, "input.source");
  await refs.resolve(manager);
  const speakerId = input.speaker === undefined ? undefined : refs.id("Stakeholder", input.speaker);
  await requirePersonSpeaker(manager, speakerId ?? null, input.speaker, "stakeholder");

  const patch = definedOnly({
    slug: input.slug,
    stakeholderId: input.stakeholder === undefined ? undefined : refs.id("Stakeholder", input.stakeholder),
    propositionId: input.proposition === undefined ? undefined : refs.id("Proposition", input.proposition),
    stance: input.stance,
    statedOn: input.statedOn,
    datePrecision: input.datePrecision,
    quote: input.quote,
    quoteLanguage: input.quoteLanguage,
    speakerId,
    sourceId: input.source === undefined ? undefined : refs.id("Source", input.source),
    locator: input.locator,
    confidence: input.confidence,
    note: input.note,
  });

  return inTransaction(manager, async (tx) => {
    const [current]: Position[] = await tx.query(
      `SELECT version, stated_on AS "statedOn", date_precision AS "datePrecision", quote, quote_language AS "quoteLanguage"
       FROM position WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!current) throw notFound("Position", input.id, "input.id");
    // A stale version is reported by updateRow as a CONFLICT; checking the
    // merge against a row the client has not seen would only confuse.
    if (current.version === input.version) {
      const merged = { ...current, ...patch } as Position;
      const after = new Validator();
      validatePositionConsistency(after, merged);
      after.done();
    }
    return updateRow<Position>(tx, Position, "Position", id, input.version, patch, caller);
  });
}

/** Deletes a position; its event links go with it, votes it explained keep their ballot. */
export async function deletePosition(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Position", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Position, "Position", id, version));
  return globalId;
}

/** Links an existing position to an event; the same event + relation pair twice is a CONFLICT. */
export async function linkPositionToEvent(
  manager: EntityManager,
  input: LinkPositionToEventInput,
  caller: Caller,
): Promise<PositionEventLink> {
  const positionId = parseId(input.position, "Position", "input.position");
  const v = new Validator();
  v.text("event", input.event, { required: true });
  v.text("note", input.note, { max: 5000 });
  v.done();

  // Both references are checked before reporting, so a client learns of every missing one at once.
  const missing: FieldIssue[] = [];
  const found: unknown[] = await queryObjects(manager, `SELECT 1 FROM position WHERE id = $1`, [positionId]);
  if (!found.length) missing.push({ path: "input.position", message: `no Position has the ID "${input.position}"` });
  const refs = new Refs().add("Event", input.event, "input.event");
  try {
    await refs.resolve(manager);
  } catch (err) {
    if (!(err instanceof AppError) || err.extensions.code !== ErrorCode.NOT_FOUND) throw err;
    missing.push(...(err.extensions.issues as FieldIssue[]));
  }
  if (missing.length) {
    throw new AppError(ErrorCode.NOT_FOUND, `${missing[0].path}: ${missing[0].message}`, {
      field: missing[0].path,
      issues: missing,
    });
  }

  return inTransaction(manager, (tx) =>
    insertRow<PositionEventLink>(
      tx,
      PositionEventLink,
      { positionId, eventId: refs.id("Event", input.event), relation: input.relation, note: input.note ?? null },
      caller,
    ),
  );
}

/** Removes one link between a position and an event. */
export async function unlinkPositionFromEvent(
  manager: EntityManager,
  globalId: string,
  version?: number | null,
): Promise<string> {
  const id = parseId(globalId, "PositionEventLink", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, PositionEventLink, "PositionEventLink", id, version));
  return globalId;
}
