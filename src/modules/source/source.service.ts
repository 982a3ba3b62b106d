/** Rules and queries for sources. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { Params, escapeLike } from "../../common/sql";
import { Validator } from "../../common/validate";
import { Caller } from "../auth/auth.service";
import { Source } from "./source.entity";
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from "./source.inputs";
import { SourceConnection } from "./source.types";

/** One page of sources, by slug, filtered by kind, text, document symbol and publication dates. */
export function listSources(
  manager: EntityManager,
  filter: SourceFilter | null | undefined,
  page: PageArgs,
): Promise<SourceConnection> {
  const v = new Validator("filter");
  v.date("from", filter?.from);
  v.date("to", filter?.to);
  v.dateRange("from", filter?.from, "to", filter?.to);
  v.done();
  const params = new Params();
  const where: string[] = [];
  if (filter?.kind?.length) where.push(`t.kind = ANY(${params.add(filter.kind)}::source_kind[])`);
  if (filter?.documentSymbol) where.push(`t.document_symbol = ${params.add(filter.documentSymbol)}`);
  if (filter?.from) where.push(`t.published_on >= ${params.add(filter.from)}::date`);
  if (filter?.to) where.push(`t.published_on <= ${params.add(filter.to)}::date`);
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(
      `(t.title ILIKE ${p} OR t.publisher ILIKE ${p} OR t.author ILIKE ${p} OR t.document_symbol ILIKE ${p})`,
    );
  }
  return paginate(manager, SourceConnection, {
    from: "source t",
    where,
    params,
    sort: [{ column: "t.slug", property: "slug" }],
    direction: "ASC",
    args: page,
  });
}

type SourceFields = { [K in keyof CreateSourceInput]?: CreateSourceInput[K] | null };

/** Optional text columns: null clears them, but a blank string is a mistake rather than a value. */
const OPTIONAL_TEXT = { publisher: 300, author: 300, documentSymbol: 200 } as const;

function validateFields(v: Validator, input: SourceFields, creating: boolean): void {
  if (creating || input.slug !== undefined) {
    if (input.slug === null || input.slug === undefined) v.fail("slug", creating ? "is required" : "cannot be null");
    else v.slug("slug", input.slug);
  }
  if (creating || input.title !== undefined) v.text("title", input.title, { required: true, max: 1000 });
  if (!creating && input.kind === null) v.fail("kind", "cannot be null");
  for (const [field, max] of Object.entries(OPTIONAL_TEXT) as Array<[keyof typeof OPTIONAL_TEXT, number]>) {
    if (input[field] !== null && input[field] !== undefined) v.text(field, input[field], { required: true, max });
  }
  v.date("publishedOn", input.publishedOn);
  v.url("url", input.url);
  v.text("url", input.url, { max: 2000 });
  v.language("language", input.language);
}

function trim<T extends string | null | undefined>(value: T): T {
  return (typeof value === "string" ? value.trim() : value) as T;
}

/** Validates and inserts a source signed by `caller`; a taken slug is a CONFLICT. */
export async function createSource(manager: EntityManager, input: CreateSourceInput, caller: Caller): Promise<Source> {
  const v = new Validator();
  validateFields(v, input, true);
  v.done();
  return inTransaction(manager, (tx) =>
    insertRow<Source>(
      tx,
      Source,
      {
        slug: input.slug,
        kind: input.kind,
        title: input.title.trim(),
        publisher: trim(input.publisher) ?? null,
        author: trim(input.author) ?? null,
        publishedOn: input.publishedOn ?? null,
        url: input.url ?? null,
        documentSymbol: trim(input.documentSymbol) ?? null,
        language: input.language ?? null,
      },
      caller,
    ),
  );
}

/** Changes the fields sent, if `input.version` is still current. */
export async function updateSource(manager: EntityManager, input: UpdateSourceInput, caller: Caller): Promise<Source> {
  const id = parseId(input.id, "Source", "input.id");
  const v = new Validator();
  validateFields(v, input, false);
  v.done();
  const { id: _id, version, ...rest } = input;
  const patch = definedOnly({
    ...rest,
    title: trim(rest.title),
    publisher: trim(rest.publisher),
    author: trim(rest.author),
    documentSymbol: trim(rest.documentSymbol),
  });
  return inTransaction(manager, (tx) => updateRow<Source>(tx, Source, "Source", id, version, patch, caller));
}

/** Deletes a source; while anything cites it (positions, events, affiliations…) the database refuses (CONFLICT). */
export async function deleteSource(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Source", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Source, "Source", id, version));
  return globalId;
}
