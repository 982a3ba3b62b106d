/** Writes for conflicts (AIF CA nodes): one attacker against one target. */
import { EntityManager } from "typeorm";
import { deleteRow, inTransaction, insertRow, parseId } from "../../common/crud";
import { Refs } from "../../common/refs";
import { Validator } from "../../common/validate";
import { Caller } from "../auth/auth.service";
import { Conflict, ConflictKind } from "./argument.entity";
import { CreateConflictInput } from "./argument.inputs";

const given = (value: string | null | undefined): value is string => value !== null && value !== undefined;

/** The rules of a conflict's shape: one attacker, one target, UNDERCUT exactly for inferences, no self-attack. */
function validateConflict(v: Validator, input: CreateConflictInput): void {
  if (!given(input.slug)) v.fail("slug", "is required");
  v.slug("slug", input.slug);
  const { attacker, target } = input;
  const attackers = [attacker.argument, attacker.proposition].filter(given).length;
  if (attackers !== 1) {
    v.fail("attacker", attackers ? "must name an argument or a proposition, not both" : "must name an argument or a proposition");
  }
  const targets = [target.argument, target.proposition, target.inference].filter(given).length;
  if (targets !== 1) {
    v.fail(
      "target",
      targets
        ? "must name exactly one of argument, proposition and inference"
        : "must name an argument, a proposition or an argument's inference",
    );
  }
  if (input.kind === ConflictKind.UNDERCUT && !given(target.inference)) {
    v.fail("target.inference", "is required for an UNDERCUT, which attacks an argument's inference");
  }
  if (input.kind !== ConflictKind.UNDERCUT && given(target.inference)) {
    v.fail("kind", `must be UNDERCUT when the target is an inference, not ${input.kind}`);
  }
  if (given(attacker.argument) && attacker.argument === target.argument) {
    v.fail("target.argument", "is the attacker: an argument cannot attack itself");
  }
  if (given(attacker.argument) && attacker.argument === target.inference) {
    v.fail("target.inference", "is the attacker's own inference: an argument cannot undercut itself");
  }
  if (given(attacker.proposition) && attacker.proposition === target.proposition) {
    v.fail("target.proposition", "is the attacker: a proposition cannot attack itself");
  }
  v.text("note", input.note, { max: 5000 });
}

/** Validates and inserts a conflict; every reference is resolved first, each unknown one reported with its path. */
export async function createConflict(manager: EntityManager, input: CreateConflictInput, caller: Caller): Promise<Conflict> {
  const v = new Validator();
  validateConflict(v, input);
  v.done();
  const { attacker, target } = input;
  const refs = await new Refs()
    .add("Argument", attacker.argument, "input.attacker.argument")
    .add("Proposition", attacker.proposition, "input.attacker.proposition")
    .add("Argument", target.argument, "input.target.argument")
    .add("Proposition", target.proposition, "input.target.proposition")
    .add("Argument", target.inference, "input.target.inference")
    .add("Source", input.source, "input.source")
    .resolve(manager);
  return inTransaction(manager, (tx) =>
    insertRow<Conflict>(
      tx,
      Conflict,
      {
        slug: input.slug,
        kind: input.kind,
        attackerArgumentId: refs.id("Argument", attacker.argument),
        attackerPropositionId: refs.id("Proposition", attacker.proposition),
        targetArgumentId: refs.id("Argument", target.argument),
        targetPropositionId: refs.id("Proposition", target.proposition),
        targetInferenceId: refs.id("Argument", target.inference),
        sourceId: refs.id("Source", input.source),
        note: input.note ?? null,
      },
      caller,
    ),
  );
}

export async function deleteConflict(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Conflict", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Conflict, "Conflict", id, version));
  return globalId;
}
