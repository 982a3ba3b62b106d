/** Rules and queries for affiliations: typed, dated relations between two stakeholders. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { Refs } from "../../common/refs";
import { Params } from "../../common/sql";
import { Validator } from "../../common/validate";
import { badInput } from "../../errors";
import { Caller } from "../auth/auth.service";
import { Affiliation } from "./affiliation.entity";
import { AffiliationFilter, CreateAffiliationInput, UpdateAffiliationInput } from "./affiliation.inputs";
import { AffiliationConnection } from "./affiliation.types";

/**
 * Earliest relations first. An undated start sorts first, as in the natural
 * key; the COALESCE gives the keyset a non-null value to compare cursors with.
 */
const FROM = `(SELECT a.*, COALESCE(a.valid_from, '-infinity'::date) AS valid_from_key FROM affiliation a) t`;

/** One page of affiliations, earliest start first, filtered by either end, kind and a date they hold on. */
export function listAffiliations(
  manager: EntityManager,
  filter: AffiliationFilter | null | undefined,
  page: PageArgs,
): Promise<AffiliationConnection> {
  const v = new Validator("filter");
  v.date("at", filter?.at);
  v.done();
  const params = new Params();
  const where: string[] = [];
  // An unknown slug matches nothing rather than failing: this is a filter, not a reference.
  if (filter?.subject) where.push(`t.subject_id = (SELECT id FROM stakeholder WHERE slug = ${params.add(filter.subject)})`);
  if (filter?.object) where.push(`t.object_id = (SELECT id FROM stakeholder WHERE slug = ${params.add(filter.object)})`);
  if (filter?.kind?.length) where.push(`t.kind = ANY(${params.add(filter.kind)}::affiliation_kind[])`);
  if (filter?.at) {
    const at = params.add(filter.at);
    where.push(`(t.valid_from IS NULL OR t.valid_from <= ${at}::date) AND (t.valid_to IS NULL OR t.valid_to >= ${at}::date)`);
  }
  return paginate(manager, AffiliationConnection, {
    from: FROM,
    where,
    params,
    sort: [
      { column: "t.valid_from_key", property: "validFromKey" },
      { column: "t.id", property: "id" },
    ],
    direction: "ASC",
    args: page,
  });
}

type AffiliationFields = { [K in keyof CreateAffiliationInput]?: CreateAffiliationInput[K] | null };

function validateFields(v: Validator, input: AffiliationFields, creating: boolean): void {
  for (const f of ["subject", "object"] as const) {
    if (creating || input[f] !== undefined) {
      if (input[f] === null || input[f] === undefined) v.fail(f, creating ? "is required" : "cannot be null");
      else v.text(f, input[f], { required: true });
    }
  }
  if (input.subject && input.object && input.subject === input.object) {
    v.fail("object", "must be a different stakeholder from subject");
  }
  if (!creating && input.kind === null) v.fail("kind", "cannot be null");
  // Optional text: null clears it, but a blank string is a mistake rather than a value.
  if (input.role !== null && input.role !== undefined) v.text("role", input.role, { required: true, max: 300 });
  if (input.note !== null && input.note !== undefined) v.text("note", input.note, { required: true, max: 2000 });
  v.date("validFrom", input.validFrom);
  v.date("validTo", input.validTo);
  v.dateRange("validFrom", input.validFrom, "validTo", input.validTo);
}

function refsOf(input: AffiliationFields): Refs {
  return new Refs()
    .add("Stakeholder", input.subject, "input.subject")
    .add("Stakeholder", input.object, "input.object")
    .add("Source", input.source, "input.source");
}

/**
 * Validates, resolves the slugs it refers to (NOT_FOUND lists every missing
 * one) and inserts the relation; the same subject, object, kind and start is a CONFLICT.
 */
export async function createAffiliation(
  manager: EntityManager,
  input: CreateAffiliationInput,
  caller: Caller,
): Promise<Affiliation> {
  const v = new Validator();
  validateFields(v, input, true);
  v.done();
  const refs = await refsOf(input).resolve(manager);
  return inTransaction(manager, (tx) =>
    insertRow<Affiliation>(
      tx,
      Affiliation,
      {
        subjectId: refs.id("Stakeholder", input.subject),
        objectId: refs.id("Stakeholder", input.object),
        kind: input.kind,
        role: input.role?.trim() ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        sourceId: refs.id("Source", input.source),
        note: input.note?.trim() ?? null,
      },
      caller,
    ),
  );
}

interface CurrentRow {
  subject_id: string;
  object_id: string;
  valid_from: string | null;
  valid_to: string | null;
  version: number;
}

/**
 * Checks the rules that span fields against the row as it will be after the
 * update, so changing one end or one date cannot break them either.
 */
function validateMerged(input: UpdateAffiliationInput, refs: Refs, current: CurrentRow): void {
  const v = new Validator();
  const subjectId = input.subject != null ? refs.id("Stakeholder", input.subject) : current.subject_id;
  const objectId = input.object != null ? refs.id("Stakeholder", input.object) : current.object_id;
  if (subjectId === objectId) {
    if (input.object != null) v.fail("object", "must be a different stakeholder from subject");
    else v.fail("subject", "must be a different stakeholder from object");
  }
  const from = input.validFrom !== undefined ? input.validFrom : current.valid_from;
  const to = input.validTo !== undefined ? input.validTo : current.valid_to;
  if (from && to && from > to) {
    if (input.validTo !== undefined) v.fail("validTo", `must not be before validFrom (${from})`);
    else v.fail("validFrom", `must not be after validTo (${to})`);
  }
  if (v.issues.length) throw badInput(v.issues);
}

/** Changes the fields sent, if `input.version` is still current; ends and source are given by slug. */
export async function updateAffiliation(
  manager: EntityManager,
  input: UpdateAffiliationInput,
  caller: Caller,
): Promise<Affiliation> {
  const id = parseId(input.id, "Affiliation", "input.id");
  const v = new Validator();
  validateFields(v, input, false);
  v.done();
  const refs = await refsOf(input).resolve(manager);
  const patch = definedOnly({
    subjectId: input.subject != null ? refs.id("Stakeholder", input.subject) : undefined,
    objectId: input.object != null ? refs.id("Stakeholder", input.object) : undefined,
    kind: input.kind ?? undefined,
    role: input.role === undefined ? undefined : (input.role?.trim() ?? null),
    validFrom: input.validFrom,
    validTo: input.validTo,
    sourceId: input.source === undefined ? undefined : refs.id("Source", input.source),
    note: input.note === undefined ? undefined : (input.note?.trim() ?? null),
  });
  return inTransaction(manager, async (tx) => {
    const [current]: CurrentRow[] = await tx.query(
      `SELECT subject_id, object_id, valid_from, valid_to, version FROM affiliation WHERE id = $1 FOR UPDATE`,
      [id],
    );
    // A missing row or a stale version is reported by updateRow, as for every other type.
    if (current && current.version === input.version) validateMerged(input, refs, current);
    return updateRow<Affiliation>(tx, Affiliation, "Affiliation", id, input.version, patch, caller);
  });
}

/** Deletes an affiliation (checking `version` when given). */
export async function deleteAffiliation(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Affiliation", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Affiliation, "Affiliation", id, version));
  return globalId;
}
