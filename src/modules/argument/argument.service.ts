/** Queries and writes for arguments (AIF RA nodes) and their ordered premises. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertRow, mapDbError, parseId, updateRow } from "../../common/crud";
import { DatePrecision } from "../../common/enums";
import { Refs } from "../../common/refs";
import { Params, escapeLike } from "../../common/sql";
import { Validator } from "../../common/validate";
import { badInput, notFound } from "../../errors";
import { Caller } from "../auth/auth.service";
import { requirePersonSpeaker } from "../stakeholder/stakeholder.service";
import { Argument } from "./argument.entity";
import { ArgumentFilter, CreateArgumentInput, UpdateArgumentInput } from "./argument.inputs";
import {
  ArgumentFields,
  validateArgumentConsistency,
  validateArgumentFields,
} from "./argument.rules";
import { ArgumentConnection } from "./argument.types";

/** Arguments matching `filter`, by slug, keyset-paged. Unknown slugs in the filter match nothing. */
export function listArguments(
  manager: EntityManager,
  filter: ArgumentFilter | null | undefined,
  page: PageArgs,
): Promise<ArgumentConnection> {
  const v = new Validator("filter");
  v.text("text", filter?.text, { max: 500 });
  v.done();
  const params = new Params();
  const where: string[] = [];
  const bySlug = (column: string, table: string, slugs: string[]) =>
    where.push(`t.${column} IN (SELECT id FROM ${table} WHERE slug = ANY(${params.add(slugs)}::text[]))`);
  if (filter?.author?.length) bySlug("author_id", "stakeholder", filter.author);
  if (filter?.conclusion != null) bySlug("conclusion_id", "proposition", [filter.conclusion]);
  if (filter?.source != null) bySlug("source_id", "source", [filter.source]);
  if (filter?.scheme?.length) where.push(`t.scheme = ANY(${params.add(filter.scheme)}::text[])`);
  if (filter?.premise != null) {
    where.push(`EXISTS (SELECT 1 FROM argument_premise ap JOIN proposition p ON p.id = ap.proposition_id
                        WHERE ap.argument_id = t.id AND p.slug = ${params.add(filter.premise)}::text)`);
  }
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(`(t.slug ILIKE ${p} OR t.quote ILIKE ${p} OR t.note ILIKE ${p})`);
  }
  return paginate(manager, ArgumentConnection, {
    from: "argument t",
    where,
    params,
    sort: [{ column: "t.slug", property: "slug" }],
    direction: "ASC",
    args: page,
  });
}

function refsOf(input: ArgumentFields): Refs {
  const refs = new Refs()
    .add("Stakeholder", input.author, "input.author")
    .add("Proposition", input.conclusion, "input.conclusion")
    .add("Stakeholder", input.speaker, "input.speaker")
    .add("Source", input.source, "input.source");
  input.premises?.forEach((slug, i) => refs.add("Proposition", slug, `input.premises[${i}]`));
  return refs;
}

/** Replaces the premises of an argument, keeping the order given. */
async function writePremises(tx: EntityManager, argumentId: string, propositionIds: string[]): Promise<void> {
  try {
    await tx.query(`DELETE FROM argument_premise WHERE argument_id = $1`, [argumentId]);
    await tx.query(
      `INSERT INTO argument_premise (argument_id, proposition_id, ordinal)
       SELECT $1, x.id, x.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS x(id, n)`,
      [argumentId, propositionIds],
    );
  } catch (err) {
    mapDbError(err);
  }
}

/** Validates and writes an argument with its premises in one transaction. */
export async function createArgument(manager: EntityManager, input: CreateArgumentInput, caller: Caller): Promise<Argument> {
  const datePrecision = input.datePrecision ?? DatePrecision.DAY;
  const v = new Validator();
  validateArgumentFields(v, input, true);
  validateArgumentConsistency(v, {
    statedOn: input.statedOn ?? null,
    datePrecision,
    quote: input.quote ?? null,
    quoteLanguage: input.quoteLanguage ?? null,
  });
  v.done();
  const refs = await refsOf(input).resolve(manager);
  const speakerId = refs.id("Stakeholder", input.speaker);
  await requirePersonSpeaker(manager, speakerId, input.speaker, "author");

  return inTransaction(manager, async (tx) => {
    const argument = await insertRow<Argument>(
      tx,
      Argument,
      {
        slug: input.slug,
        authorId: refs.id("Stakeholder", input.author),
        conclusionId: refs.id("Proposition", input.conclusion),
        scheme: input.scheme ?? null,
        quote: input.quote ?? null,
        quoteLanguage: input.quoteLanguage ?? null,
        speakerId,
        sourceId: refs.id("Source", input.source),
        locator: input.locator ?? null,
        statedOn: input.statedOn ?? null,
        datePrecision,
        note: input.note ?? null,
      },
      caller,
    );
    await writePremises(
      tx,
      argument.id,
      input.premises.map((slug) => refs.id("Proposition", slug)!),
    );
    return argument;
  });
}

/**
 * Changes the fields sent; `premises`, when sent, replaces them all. Rules
 * that tie fields together (the conclusion is no premise, date precision,
 * quote language) are checked on the stored argument with the change applied.
 */
export async function updateArgument(manager: EntityManager, input: UpdateArgumentInput, caller: Caller): Promise<Argument> {
  const id = parseId(input.id, "Argument", "input.id");
  const v = new Validator();
  validateArgumentFields(v, input, false);
  v.done();
  const refs = await refsOf(input).resolve(manager);
  const speakerId = input.speaker === undefined ? undefined : refs.id("Stakeholder", input.speaker);
  await requirePersonSpeaker(manager, speakerId, input.speaker, "author");
  const premiseIds = input.premises?.map((slug) => refs.id("Proposition", slug)!);

  const patch = definedOnly({
    slug: input.slug,
    authorId: input.author === undefined ? undefined : refs.id("Stakeholder", input.author),
    conclusionId: input.conclusion === undefined ? undefined : refs.id("Proposition", input.conclusion),
    scheme: input.scheme,
    quote: input.quote,
    quoteLanguage: input.quoteLanguage,
    speakerId,
    sourceId: input.source === undefined ? undefined : refs.id("Source", input.source),
    locator: input.locator,
    statedOn: input.statedOn,
    datePrecision: input.datePrecision,
    note: input.note,
  });

  return inTransaction(manager, async (tx) => {
    const [current]: Array<Argument & { premiseIds: string[] }> = await tx.query(
      `SELECT version, conclusion_id AS "conclusionId", stated_on AS "statedOn", date_precision AS "datePrecision",
              quote, quote_language AS "quoteLanguage",
              ARRAY(SELECT proposition_id FROM argument_premise WHERE argument_id = a.id ORDER BY ordinal) AS "premiseIds"
         FROM argument a WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!current) throw notFound("Argument", input.id, "input.id");
    // A stale version is reported by updateRow as a CONFLICT; checking the
    // merge against a row the client has not seen would only confuse.
    if (current.version === input.version) {
      const merged = { ...current, ...patch } as Argument;
      const after = new Validator();
      validateArgumentConsistency(after, merged);
      after.done();
      const premises = premiseIds ?? current.premiseIds;
      const at = premises.indexOf(merged.conclusionId);
      if (at >= 0) {
        throw badInput([
          input.premises
            ? { path: `input.premises[${at}]`, message: "is the argument's conclusion: an argument cannot assume what it concludes" }
            : { path: "input.conclusion", message: `is premises[${at}] of the argument: an argument cannot assume what it concludes` },
        ]);
      }
    }
    const argument = await updateRow<Argument>(tx, Argument, "Argument", id, input.version, patch, caller);
    if (premiseIds) await writePremises(tx, id, premiseIds);
    return argument;
  });
}

/** Deletes an argument; its premises and every conflict it takes part in go with it. */
export async function deleteArgument(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Argument", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Argument, "Argument", id, version));
  return globalId;
}
