/** Writes for rephrases (AIF MA nodes): two propositions that say the same. */
import { EntityManager } from "typeorm";
import { deleteRow, inTransaction, insertRow, parseId } from "../../common/crud";
import { Refs } from "../../common/refs";
import { Validator } from "../../common/validate";
import { conflict } from "../../errors";
import { Caller } from "../auth/auth.service";
import { Rephrase } from "./argument.entity";
import { CreateRephraseInput } from "./argument.inputs";

/**
 * Validates and inserts a rephrase. Saying the same is symmetric, so a pair
 * already linked in either direction is a CONFLICT.
 */
export async function createRephrase(manager: EntityManager, input: CreateRephraseInput, caller: Caller): Promise<Rephrase> {
  const v = new Validator();
  for (const f of ["slug", "from", "to"] as const) if (input[f] == null) v.fail(f, "is required");
  v.slug("slug", input.slug);
  v.text("from", input.from, { required: input.from != null });
  v.text("to", input.to, { required: input.to != null });
  if (input.from != null && input.from === input.to) v.fail("to", "is the same proposition as from: a rephrase links two");
  v.text("note", input.note, { max: 5000 });
  v.done();
  const refs = await new Refs()
    .add("Proposition", input.from, "input.from")
    .add("Proposition", input.to, "input.to")
    .add("Source", input.source, "input.source")
    .resolve(manager);
  const fromId = refs.id("Proposition", input.from)!;
  const toId = refs.id("Proposition", input.to)!;
  return inTransaction(manager, async (tx) => {
    const [existing]: Array<{ slug: string }> = await tx.query(
      `SELECT slug FROM rephrase
        WHERE (from_proposition_id = $1 AND to_proposition_id = $2) OR (from_proposition_id = $2 AND to_proposition_id = $1)`,
      [fromId, toId],
    );
    if (existing) {
      throw conflict(`"${input.from}" and "${input.to}" are already linked as rephrases by "${existing.slug}"`, {
        field: "input.to",
        existing: existing.slug,
      });
    }
    return insertRow<Rephrase>(
      tx,
      Rephrase,
      { slug: input.slug, fromPropositionId: fromId, toPropositionId: toId, sourceId: refs.id("Source", input.source), note: input.note ?? null },
      caller,
    );
  });
}

export async function deleteRephrase(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Rephrase", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Rephrase, "Rephrase", id, version));
  return globalId;
}
