/**
 * Column pruning: which columns of an entity's table one field's selection
 * set needs, so that the loader serving that field reads (and `pg` parses)
 * no more than that.
 *
 * A deep query returns thousands of rows of which it shows two or three
 * fields; reading whole rows (a position has 19 columns, with its quote, note
 * and audit timestamps) made parsing them a fifth of the query's CPU.
 *
 * Each column belongs to the GraphQL field of the returned type it serves,
 * found by name (`quote` to `quote`, `locationName` to `location`), and is
 * read only when that field is selected. Keys (`id`, `stakeholderId`…) are
 * always read, since field resolvers combine them freely (`Position.arguments`
 * reads the stakeholder and the proposition), as are columns of no field.
 * selection.test.ts asks every field resolver of the pruned types alone and
 * compares the answer with whole rows, so a resolver that reads a column
 * outside this naming fails there, not in production.
 */
import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLObjectType,
  GraphQLResolveInfo,
  Kind,
  SelectionSetNode,
  getNamedType,
  isObjectType,
} from "graphql";
import { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** The columns a loader reads: `key` goes into the loader's name, `list` into its SELECT. */
export interface Columns {
  readonly key: string;
  /** The select list on table alias `alias`, e.g. `t.id, t.slug` (or `t.*`). */
  list(alias: string): string;
}

/** Every column: for callers without a selection (services, mutations, root lookups). */
export const ALL_COLUMNS: Columns = { key: "*", list: (alias) => `${alias}.*` };

/** Switch for tests that compare pruned reads with whole rows. */
export const columnPruning = { enabled: true };

function columnList(names: string[]): Columns {
  const quoted = names.map((n) => `"${n}"`);
  return { key: names.join(","), list: (alias) => quoted.map((q) => `${alias}.${q}`).join(", ") };
}

/** The fields selected directly below `nodes`, through fragments (whatever their type condition: a superset is safe). */
function fieldsBelow(nodes: readonly FieldNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) fields.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        visit(fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return fields;
}

/** The fields called `name` directly below `nodes`. */
function named(nodes: readonly FieldNode[], name: string, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  return fieldsBelow(nodes, fragments).filter((f) => f.name.value === name);
}

/** Per GraphQL type: the columns always read, and each field's own columns. */
interface TypeColumns {
  always: string[];
  byField: Array<[field: string, column: string]>;
}
const typeColumns = new Map<string, TypeColumns>();

/** The field a column's property belongs to: itself, or the longest field it extends (`locationName` → `location`). */
function ownerField(property: string, fields: readonly string[]): string | undefined {
  if (fields.includes(property)) return property;
  let owner: string | undefined;
  for (const f of fields) {
    const next = property.charAt(f.length);
    if (property.startsWith(f) && next >= "A" && next <= "Z" && f.length > (owner?.length ?? 0)) owner = f;
  }
  return owner;
}

function columnsOfType(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, type: GraphQLObjectType): TypeColumns {
  let known = typeColumns.get(type.name);
  if (!known) {
    const fields = Object.keys(type.getFields());
    known = { always: [], byField: [] };
    for (const column of manager.connection.getMetadata(entity).columns) {
      const key = column.isPrimary || column.propertyName.endsWith("Id");
      const owner = key ? undefined : ownerField(column.propertyName, fields);
      if (owner) known.byField.push([owner, column.databaseName]);
      else known.always.push(column.databaseName);
    }
    typeColumns.set(type.name, known);
  }
  return known;
}

const cache = new WeakMap<object, Columns>();

/** Memoised per field node: the same field of every row of a list shares its AST node. */
function cached(info: GraphQLResolveInfo, compute: () => Columns): Columns {
  if (!columnPruning.enabled) return ALL_COLUMNS;
  const key = info.fieldNodes.length === 1 ? info.fieldNodes[0] : info.fieldNodes;
  let columns = cache.get(key);
  if (!columns) {
    columns = compute();
    cache.set(key, columns);
  }
  return columns;
}

function columnsOf(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  type: GraphQLObjectType,
  selection: readonly FieldNode[],
): Columns {
  const known = columnsOfType(manager, entity, type);
  const selected = new Set(selection.map((f) => f.name.value));
  const names = [...known.always];
  for (const [field, column] of known.byField) if (selected.has(field)) names.push(column);
  return columnList(names);
}

/**
 * The columns of `entity`'s table that the current field's selection needs
 * (the field returns that entity, or a list of it); every column without a
 * field (a service or a root lookup calling the loader).
 */
export function columnsFor(
  info: GraphQLResolveInfo | undefined,
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
): Columns {
  if (!info) return ALL_COLUMNS;
  return cached(info, () => {
    const type = getNamedType(info.returnType);
    return isObjectType(type) ? columnsOf(manager, entity, type, fieldsBelow(info.fieldNodes, info.fragments)) : ALL_COLUMNS;
  });
}

/**
 * The same for a connection of `entity` (the field returns `…Connection`):
 * what its `nodes` and `edges { node }` select. Paging adds its sort columns.
 */
export function connectionColumnsFor(
  info: GraphQLResolveInfo,
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
): Columns {
  return cached(info, () => {
    const connection = getNamedType(info.returnType);
    const node = isObjectType(connection) ? getNamedType(connection.getFields().nodes?.type) : undefined;
    if (!isObjectType(node)) return ALL_COLUMNS;
    const { fragments } = info;
    const rows = [...named(info.fieldNodes, "nodes", fragments), ...named(named(info.fieldNodes, "edges", fragments), "node", fragments)];
    return columnsOf(manager, entity, node, fieldsBelow(rows, fragments));
  });
}
