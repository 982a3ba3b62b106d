/**
 * Brings one table in line with a list of rows matched by natural key:
 * inserts the new ones, updates the changed ones (bumping `version`), leaves
 * equal ones alone and, for the children of given parents, deletes the ones
 * no longer listed. A few set-based statements per table, whatever the number
 * of rows: the rows travel as one JSON parameter unpacked by
 * `jsonb_to_recordset`, which also casts each value to its column's type, so
 * the comparison with the stored row is done by Postgres and is exact.
 */
import { EntityManager } from "typeorm";

export interface TableSpec {
  table: string;
  /** Every column the seed sets, with its SQL type (as `jsonb_to_recordset` needs it). */
  columns: Record<string, string>;
  /** The natural key: columns that identify a row (all also in `columns`). */
  key: string[];
  /** Key columns that may be NULL (matched with IS NOT DISTINCT FROM). */
  nullableKey?: string[];
  /** False for a join table without `id` and audit columns. */
  audited?: boolean;
}

export interface TableCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Child rows no longer listed under their parent, removed. */
  deleted: number;
}

export type Row = Record<string, unknown>;

export interface SyncResult {
  counts: TableCounts;
  /** Natural key (see `keyOf`) → id, for every row of `rows`; empty when the table has no id. */
  ids: Map<string, string>;
  /** Rows that were inserted, updated or deleted (their key columns). */
  changed: Row[];
}

/** A row's natural key as a string; key values are text (slugs, uuids, enums, ISO dates). */
export function keyOf(spec: TableSpec, row: Row): string {
  return JSON.stringify(spec.key.map((k) => (row[k] == null ? null : String(row[k]))));
}

const q = (name: string) => `"${name}"`;

function recordset(columns: Record<string, string>, names: string[]): string {
  return `jsonb_to_recordset($1::jsonb) AS r(${names.map((c) => `${q(c)} ${columns[c]}`).join(", ")})`;
}

function keyMatch(spec: TableSpec, left: string, right: string): string {
  return spec.key
    .map((k) =>
      spec.nullableKey?.includes(k)
        ? `${left}.${q(k)} IS NOT DISTINCT FROM ${right}.${q(k)}`
        : `${left}.${q(k)} = ${right}.${q(k)}`,
    )
    .join(" AND ");
}

/** TypeORM returns `[rows, count]` for UPDATE/DELETE … RETURNING and the rows otherwise. */
function rowsOf(result: unknown): Row[] {
  const r = result as unknown[];
  return Array.isArray(r[0]) ? (r[0] as Row[]) : (r as Row[]);
}

/**
 * Syncs `rows` into `spec.table`. Without `scope`, rows are matched by key and
 * nothing is deleted. With `scope`, `rows` are the complete children of the
 * parents `scope.parentIds` (in `scope.parentColumn`): children of those
 * parents that are not in `rows` are deleted.
 */
export async function syncTable(
  tx: EntityManager,
  spec: TableSpec,
  rows: Row[],
  scope?: { parentColumn: string; parentIds: string[] },
): Promise<SyncResult> {
  const audited = spec.audited !== false;
  const table = q(spec.table);
  const keyText = spec.key.map((k) => `t.${q(k)}::text AS ${q(k)}`).join(", ");
  const idCol = audited ? "t.id, " : "";
  const counts: TableCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  const ids = new Map<string, string>();
  const changed: Row[] = [];

  let existing: Row[] = [];
  if (scope) {
    if (scope.parentIds.length) {
      existing = await tx.query(`SELECT ${idCol}${keyText} FROM ${table} t WHERE t.${q(scope.parentColumn)} = ANY($1::uuid[])`, [
        scope.parentIds,
      ]);
    }
  } else if (rows.length) {
    existing = await tx.query(
      `SELECT ${idCol}${keyText} FROM ${table} t JOIN ${recordset(spec.columns, spec.key)} ON ${keyMatch(spec, "t", "r")}`,
      [JSON.stringify(rows.map((row) => Object.fromEntries(spec.key.map((k) => [k, row[k] ?? null]))))],
    );
  }

  const stored = new Map<string, Row>();
  const stale: Row[] = [];
  for (const row of existing) {
    const k = keyOf(spec, row);
    // A second stored row with the same key (possible where the database has
    // no unique constraint) is not the one the seed describes.
    if (stored.has(k)) stale.push(row);
    else stored.set(k, row);
  }
  const wanted = new Set<string>();
  const fresh: Row[] = [];
  const known: Row[] = [];
  for (const row of rows) {
    const k = keyOf(spec, row);
    wanted.add(k);
    const found = stored.get(k);
    if (!found) fresh.push(row);
    else {
      known.push(audited ? { ...row, id: found.id } : row);
      if (audited) ids.set(k, found.id as string);
    }
  }
  for (const [k, row] of stored) if (!wanted.has(k)) stale.push(row);

  const columns = Object.keys(spec.columns);
  if (fresh.length) {
    const inserted: Row[] = await tx.query(
      `INSERT INTO ${table} AS t (${columns.map(q).join(", ")})
       SELECT ${columns.map((c) => `r.${q(c)}`).join(", ")} FROM ${recordset(spec.columns, columns)}
       RETURNING ${idCol}${keyText}`,
      [JSON.stringify(fresh)],
    );
    for (const row of inserted) if (audited) ids.set(keyOf(spec, row), row.id as string);
    counts.inserted = inserted.length;
    changed.push(...fresh);
  }

  const values = columns.filter((c) => !spec.key.includes(c));
  if (known.length && values.length) {
    const set = values.map((c) => `${q(c)} = r.${q(c)}`);
    if (audited) set.push("version = t.version + 1", "updated_at = now()", "updated_by = NULL");
    const distinct = `(${values.map((c) => `t.${q(c)}`).join(", ")}) IS DISTINCT FROM (${values.map((c) => `r.${q(c)}`).join(", ")})`;
    const updated = rowsOf(
      await tx.query(
        `UPDATE ${table} t SET ${set.join(", ")}
         FROM ${recordset({ ...spec.columns, id: "uuid" }, audited ? ["id", ...columns] : columns)}
         WHERE ${audited ? "t.id = r.id" : keyMatch(spec, "t", "r")} AND ${distinct}
         RETURNING ${keyText}`,
        [JSON.stringify(known)],
      ),
    );
    counts.updated = updated.length;
    changed.push(...updated);
  }
  counts.unchanged = known.length - counts.updated;

  if (stale.length) {
    if (audited) {
      await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [stale.map((r) => r.id)]);
    } else {
      await tx.query(`DELETE FROM ${table} t USING ${recordset(spec.columns, spec.key)} WHERE ${keyMatch(spec, "t", "r")}`, [
        JSON.stringify(stale.map((row) => Object.fromEntries(spec.key.map((k) => [k, row[k]])))),
      ]);
    }
    counts.deleted = stale.length;
    changed.push(...stale);
  }
  return { counts, ids, changed };
}
