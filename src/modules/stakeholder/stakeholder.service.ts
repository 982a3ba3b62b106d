/** Rules and queries for stakeholders. */
import { EntityManager } from "typeorm";
import { PageArgs, paginate } from "../../common/connection";
import { deleteRow, definedOnly, inTransaction, insertRow, parseId, updateRow } from "../../common/crud";
import { escapeLike, Params, queryObjects } from "../../common/sql";
import { Validator } from "../../common/validate";
import { badInput } from "../../errors";
import { Caller } from "../auth/auth.service";
import { StakeholderConnection } from "./stakeholder.types";
import { Stakeholder, StakeholderKind } from "./stakeholder.entity";
import {
  CreateStakeholderInput,
  ExternalIdInput,
  StakeholderFilter,
  UpdateStakeholderInput,
} from "./stakeholder.inputs";
import { Columns } from "../../common/selection";

export function listStakeholders(
  manager: EntityManager,
  filter: StakeholderFilter | null | undefined,
  page: PageArgs,
  columns?: Columns,
): Promise<StakeholderConnection> {
  const v = new Validator("filter");
  v.countryCode("countryCode", filter?.countryCode);
  v.done();
  const params = new Params();
  const where: string[] = [];
  if (filter?.kind?.length) where.push(`t.kind = ANY(${params.add(filter.kind)}::stakeholder_kind[])`);
  if (filter?.countryCode) where.push(`t.country_code = ${params.add(filter.countryCode)}`);
  if (filter?.text) {
    const p = params.add(`%${escapeLike(filter.text)}%`);
    where.push(`(t.name ILIKE ${p} OR t.slug ILIKE ${p} OR array_to_string(t.aliases, ' ') ILIKE ${p})`);
  }
  return paginate(manager, StakeholderConnection, {
    from: "stakeholder t",
    where,
    params,
    sort: [{ column: "t.slug", property: "slug" }],
    direction: "ASC",
    args: page,
    columns,
  });
}

function validateFields(
  v: Validator,
  input: { [K in keyof CreateStakeholderInput]?: CreateStakeholderInput[K] | null } & {
    externalIds?: ExternalIdInput[] | null;
  },
  creating: boolean,
): void {
  if (creating || input.slug !== undefined) v.slug("slug", input.slug ?? (creating ? undefined : null));
  if (creating && !input.slug) v.fail("slug", "is required");
  if (creating || input.name !== undefined) v.text("name", input.name, { required: true, max: 300 });
  v.countryCode("countryCode", input.countryCode);
  input.aliases?.forEach((a, i) => v.text(`aliases[${i}]`, a, { required: true, max: 300 }));
  input.externalIds?.forEach((e, i) => {
    v.text(`externalIds[${i}].scheme`, e.scheme, { required: true, max: 50 });
    v.text(`externalIds[${i}].value`, e.value, { required: true, max: 200 });
  });
  if (!creating) {
    for (const f of ["slug", "name", "kind", "aliases", "externalIds"] as const) {
      if (input[f] === null) v.fail(f, "cannot be null");
    }
  }
}

export async function createStakeholder(
  manager: EntityManager,
  input: CreateStakeholderInput,
  caller: Caller,
): Promise<Stakeholder> {
  const v = new Validator();
  validateFields(v, input, true);
  v.done();
  return inTransaction(manager, (tx) =>
    insertRow<Stakeholder>(
      tx,
      Stakeholder,
      {
        slug: input.slug,
        name: input.name.trim(),
        kind: input.kind,
        aliases: input.aliases ?? [],
        countryCode: input.countryCode ?? null,
        description: input.description ?? null,
        externalIds: (input.externalIds ?? []).map(({ scheme, value }) => ({ scheme, value })),
      },
      caller,
    ),
  );
}

export async function updateStakeholder(
  manager: EntityManager,
  input: UpdateStakeholderInput,
  caller: Caller,
): Promise<Stakeholder> {
  const id = parseId(input.id, "Stakeholder", "input.id");
  const v = new Validator();
  validateFields(v, input, false);
  v.done();
  const { id: _id, version, externalIds, ...rest } = input;
  const patch = definedOnly({
    ...rest,
    name: rest.name?.trim(),
    externalIds: externalIds?.map(({ scheme, value }) => ({ scheme, value })),
  });
  return inTransaction(manager, (tx) => updateRow<Stakeholder>(tx, Stakeholder, "Stakeholder", id, version, patch, caller));
}

export async function deleteStakeholder(manager: EntityManager, globalId: string, version?: number | null): Promise<string> {
  const id = parseId(globalId, "Stakeholder", "id");
  await inTransaction(manager, (tx) => deleteRow(tx, Stakeholder, "Stakeholder", id, version));
  return globalId;
}

/**
 * Refuses a speaker that is not a person: the speaker is who said it, and
 * the body they spoke for goes in `spokeFor` (a position's stakeholder, an
 * argument's author). Reports the problem at `input.speaker`.
 */
export async function requirePersonSpeaker(
  manager: EntityManager,
  speakerId: string | null | undefined,
  slug: string | null | undefined,
  spokeFor: "stakeholder" | "author",
): Promise<void> {
  if (!speakerId) return;
  const [row]: Array<{ kind: StakeholderKind }> = await queryObjects(manager, `SELECT kind FROM stakeholder WHERE id = $1`, [
    speakerId,
  ]);
  if (row && row.kind !== StakeholderKind.PERSON) {
    throw badInput([
      {
        path: "input.speaker",
        message: `must be a PERSON stakeholder, but "${slug}" is a ${row.kind}: the speaker is the person who said it; put the body they spoke for in ${spokeFor}`,
      },
    ]);
  }
}
