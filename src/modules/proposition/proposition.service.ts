/** Rules and queries for propositions. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { Params, escapeLike } from "../../common/sql";
import { Validator } from "../../common/validate";
import { Caller } from "../auth/auth.service";
import { Proposition } from "./proposition.entity";
import { CreatePropositionInput, PropositionFilter, UpdatePropositionInput } from "./proposition.inputs";
import { PropositionConnection } from "./proposition.types";
import { Columns } from "../../common/selection";

/** One page of propositions, by slug, filtered by tags (any of) and text. */
export function listPropositions(
  manager: EntityManager,
  filter: PropositionFilter | null | undefined,
  page: PageArgs,
  columns?: Columns,
): Promise<PropositionConnection> {
  const params = new Params();
  const where: string[] = [];
  // `&&` (overlap) is what the GIN index on tags serves.
  if (filter?.tag?.length) where.push(`t.tags && ${params.add(filter.tag)}::text[]`);
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(`(t.text ILIKE ${p} OR t.slug ILIKE ${p})`);
  }
  return paginate(manager, PropositionConnection, {
    from: "proposition t",
    where,
    params,
    sort: [{ column: "t.slug", property: "slug" }],
    direction: "ASC",
    args: page,
    columns,
  });
}

type PropositionFields = { [K in keyof CreatePropositionInput]?: CreatePropositionInput[K] | null };

function validateFields(v: Validator, input: PropositionFields, creating: boolean): void {
  if (creating || input.slug !== undefined) {
    if (input.slug === null || input.slug === undefined) v.fail("slug", creating ? "is required" : "cannot be null");
    else v.slug("slug", input.slug);
  }
  if (creating || input.text !== undefined) v.text("text", input.text, { required: true, max: 2000 });
  if (!creating && input.tags === null) v.fail("tags", "cannot be null; send [] to remove every tag");
  const seen = new Map<string, number>();
  input.tags?.forEach((tag, i) => {
    if (!tag) v.fail(`tags[${i}]`, "must not be empty");
    else v.slug(`tags[${i}]`, tag);
    const first = seen.get(tag);
    if (first !== undefined) v.fail(`tags[${i}]`, `repeats tags[${first}]`);
    else seen.set(tag, i);
  });
}

/** Validates and inserts a proposition signed by `caller`; a taken slug is a CONFLICT. */
export async function createProposition(
  manager: EntityManager,
  input: CreatePropositionInput,
  caller: Caller,
): Promise<Proposition> {
  const v = new Validator();
  validateFields(v, input, true);
  v.done();
  return inTransaction(manager, (tx) =>
    insertRow<Proposition>(
      tx,
      Proposition,
      { slug: input.slug, text: input.text.trim(), tags: input.tags ?? [] },
      caller,
    ),
  );
}

/** Changes the fields sent (tags are replaced as a whole), if `input.version` is still current. */
export async function updateProposition(
  manager: EntityManager,
  input: UpdatePropositionInput,
  caller: Caller,
): Promise<Proposition> {
  const id = parseId(input.id, "Proposition", "input.id");
  const v = new Validator();
  validateFields(v, input, false);
  v.done();
  const { id: _id, version, ...rest } = input;
  const patch = definedOnly({ ...rest, text: rest.text?.trim() });
  return inTransaction(manager, (tx) =>
    updateRow<Proposition>(tx, Proposition, "Proposition", id, version, patch, caller),
  );
}

/** Deletes a proposition; while positions, events (as motion) or arguments refer to it the database refuses (CONFLICT). */
export async function deleteProposition(
  manager: EntityManager,
  globalId: string,
  version?: number | null,
): Promise<string> {
  const id = parseId(globalId, "Proposition", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Proposition, "Proposition", id, version));
  return globalId;
}
