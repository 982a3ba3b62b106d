/**
 * Shared rules of the analyses: argument validation with bare argument paths
 * (`stakeholders[3]`, `maxEdges`), slug lists resolved to ids, rows read back
 * from `to_jsonb`, and what a field selection asks for.
 */
import { FieldNode, GraphQLResolveInfo, Kind, SelectionSetNode } from "graphql";
import { EntityManager } from "typeorm";
import { RefType, Refs } from "../../common/refs";
import { camelRow } from "../../common/sql";
import { Validator } from "../../common/validate";

/** A Validator for root-field arguments: paths are the argument names themselves. */
/**
 * Which of a stakeholder's positions on a proposition is the latest: the
 * first in this order (on alias `p`). The alignment, stance-summary and
 * ballot analyses all use it; the indexes position_latest_idx and
 * position_stakeholder_latest_idx are built in this order.
 */
export const LATEST_FIRST = "p.stated_on DESC, p.created_at DESC, p.id DESC";

export class ArgValidator extends Validator {
  constructor() {
    super("");
  }

  path(field: string): string {
    return field;
  }

  /** A list argument may name at most `max` items. */
  listSize(field: string, values: readonly unknown[] | null | undefined, max: number): void {
    if (values && values.length > max) this.fail(field, `may name at most ${max} items, got ${values.length}`);
  }

  integer(field: string, value: number | null | undefined, min: number, max: number): void {
    if (value === undefined || value === null) return;
    if (!Number.isInteger(value) || value < min || value > max) this.fail(field, `must be between ${min} and ${max}`);
  }
}

/** Empty lists mean "no filter", like the other list filters of the API. */
export function named<T>(values: readonly T[] | null | undefined): T[] | null {
  return values?.length ? [...new Set(values)] : null;
}

/**
 * Ids of the slugs of each named list, in one statement per table; every
 * unknown slug is reported as NOT_FOUND with its path (`stakeholders[2]`).
 */
export async function resolveSlugs(
  manager: EntityManager,
  lists: Array<{
    type: RefType;
    field: string;
    slugs: readonly string[] | null | undefined;
    /** The argument is one slug, not a list: its path has no index. */
    single?: boolean;
  }>,
): Promise<Array<string[] | null>> {
  const refs = new Refs();
  let any = false;
  for (const list of lists) {
    list.slugs?.forEach((slug, i) => {
      refs.add(list.type, slug, list.single ? list.field : `${list.field}[${i}]`);
      any = true;
    });
  }
  if (any) await refs.resolve(manager);
  return lists.map((list) => {
    const slugs = named(list.slugs);
    return slugs ? [...new Set(slugs.map((s) => refs.id(list.type, s)!))] : null;
  });
}

/**
 * A row read back from `to_jsonb(t)`: camelCase keys and, as the pg driver
 * gives them, Date objects for the audit timestamps (dates stay YYYY-MM-DD).
 */
export function jsonRow<T>(json: Record<string, unknown>): T {
  const row = camelRow<Record<string, unknown>>(json);
  for (const key of ["createdAt", "updatedAt"]) {
    if (typeof row[key] === "string") row[key] = new Date(row[key] as string);
  }
  return row as T;
}

/**
 * Whether the operation selects `path` below the current field (through
 * fragments too), so that costly parts of a result are computed only when
 * asked for.
 */
export function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, rest: string[], seen: Set<string>): boolean => {
    if (!set) return false;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value !== rest[0]) continue;
        if (rest.length === 1 || walk(sel.selectionSet, rest.slice(1), seen)) return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (walk(sel.selectionSet, rest, seen)) return true;
      } else if (!seen.has(`${sel.name.value}:${rest.length}`)) {
        seen.add(`${sel.name.value}:${rest.length}`);
        if (walk(info.fragments[sel.name.value]?.selectionSet, rest, seen)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node: FieldNode) => walk(node.selectionSet, path, new Set()));
}
