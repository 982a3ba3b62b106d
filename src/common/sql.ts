/**
 * Small helpers for the hand-written SQL of the read path. Reads skip entity
 * hydration: rows come back as plain camelCase objects, which is all GraphQL
 * needs and several times cheaper than building entity instances.
 */
import { EntityManager } from "typeorm";
import { recordQuery } from "../db/query-counter";
import { toCamel } from "./naming";
import { ALL_COLUMNS, Columns } from "./selection";

/** Collects positional parameters while a statement is assembled. */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder ($1, $2, …). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const camelCache = new Map<string, string>();
function camel(name: string): string {
  let c = camelCache.get(name);
  if (c === undefined) {
    c = toCamel(name);
    camelCache.set(name, c);
  }
  return c;
}

/** Escapes LIKE wildcards so user text matches literally (filters use `ILIKE '%' || text || '%'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Converts a snake_case row into a camelCase object. */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camel(key)] = row[key];
  return out as T;
}

interface PgResult<R> {
  fields: Array<{ name: string }>;
  rows: R[];
}
interface PgQueryable {
  query(config: { text: string; values: unknown[]; rowMode: "array" }): Promise<PgResult<unknown[]>>;
  query(config: { text: string; values: unknown[] }): Promise<PgResult<Record<string, unknown>>>;
}

/**
 * Runs a read statement on `pg` directly, instead of through TypeORM's
 * `manager.query` (a query runner, two event broadcasts and several awaits
 * per statement). Inside a transaction (a mutation, a test) it runs on the
 * transaction's connection; otherwise on the pool. Statements are counted on
 * the request's counter (query-counter.ts), and failures logged by the data
 * source's logger as TypeORM does for its own.
 */
async function run<R>(manager: EntityManager, query: (target: PgQueryable) => Promise<R>, sql: string, params: unknown[]): Promise<R> {
  const runner = manager.queryRunner;
  const target: PgQueryable = runner
    ? await runner.connect()
    : (manager.connection.driver as unknown as { master: PgQueryable }).master;
  recordQuery(manager);
  try {
    return await query(target);
  } catch (err) {
    manager.connection.logger.logQueryError(err as Error, sql, params);
    throw err;
  }
}

/**
 * Runs a read statement and returns its rows as arrays, with the camelCase
 * names of its columns. This is the hot path of every nested query: rows as
 * arrays let each row object be built once, with camelCase keys, rather than
 * once by `pg` and again here.
 */
async function queryArrays(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<{ columns: string[]; rows: unknown[][] }> {
  const result = await run(manager, (t) => t.query({ text: sql, values: params, rowMode: "array" }), sql, params);
  return { columns: result.fields.map((f) => camel(f.name)), rows: result.rows };
}

/**
 * Runs a read statement and returns its rows as `pg` builds them, keyed by
 * the column names the SQL gives (what `manager.query` returns), for the
 * analyses that read snake_case or JSON columns themselves.
 */
export async function queryObjects<T = any>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await run(manager, (t) => t.query({ text: sql, values: params }), sql, params);
  return result.rows as T[];
}

/** A row object from the first `width` values of an array row. */
function rowObject<T>(columns: string[], values: unknown[], width: number): T {
  const row: Record<string, unknown> = {};
  for (let j = 0; j < width; j++) row[columns[j]] = values[j];
  return row as T;
}

/** Runs a read statement and returns its rows as camelCase objects (see `queryArrays`). */
export async function queryRows<T>(manager: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const { columns, rows } = await queryArrays(manager, sql, params);
  return rows.map((values) => rowObject<T>(columns, values, columns.length));
}

/**
 * Runs a read statement whose last `helpers` columns are not part of the rows
 * (row numbers, tags), the very last being each row's parent key, and returns
 * the rows per key of `keys`, in the order they came (DataLoader's contract
 * for one-to-many). The helper columns are never copied into the rows:
 * deleting them afterwards would turn every row into a slow dictionary object.
 */
export async function rowsByParent<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  keys: readonly string[],
  helpers = 1,
): Promise<T[][]> {
  const { columns, rows } = await queryArrays(manager, sql, params);
  const width = columns.length - helpers;
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const values of rows) groups.get(String(values[columns.length - 1]))?.push(rowObject<T>(columns, values, width));
  return keys.map((k) => groups.get(k)!);
}

/** Rows of `table` whose `column` is one of `keys`, in one statement. */
export async function rowsWhereIn<T>(
  manager: EntityManager,
  table: string,
  column: string,
  keys: readonly string[],
  columns: Columns = ALL_COLUMNS,
): Promise<T[]> {
  return queryRows<T>(manager, `SELECT ${columns.list("t")} FROM ${table} t WHERE t.${column} = ANY($1)`, [keys]);
}

/** Orders `rows` to match `keys` (DataLoader's contract); missing keys give null. */
export function byKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): Array<T | null> {
  const map = new Map<string, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups `rows` per key, in the order the rows came (DataLoader for one-to-many). */
export function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const map = new Map<string, T[]>();
  for (const k of keys) map.set(k, []);
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Rows of a one-to-many relation for many parents in one statement, at most
 * `limit` per parent, grouped per parent key in the order of `parentKeys`, so
 * the statement count does not grow with the number of parents. Each parent's
 * rows come from a LATERAL subquery with its own ORDER BY … LIMIT, which an
 * index on (parent, sort key) answers by reading `limit` rows: the cost
 * follows the rows returned, not the parents' sizes (a window function over
 * all parents' rows read every child of a parent with 20 000 positions to
 * return its latest 5).
 */
export async function rowsPerParent<T>(
  manager: EntityManager,
  opts: {
    /** FROM clause with alias `t`, e.g. `position t`. */
    from: string;
    /** The column (on `t`) that holds the parent key. */
    parentColumn: string;
    /** Parent ids (uuid). */
    parentKeys: readonly string[];
    orderBy: string;
    limit: number;
    /** Extra conditions built on `params`. */
    where?: string[];
    params?: Params;
    select?: string;
  },
): Promise<T[][]> {
  const params = opts.params ?? new Params();
  const keys = params.add(opts.parentKeys);
  const where = [`${opts.parentColumn} = k__.key`, ...(opts.where ?? [])].join(" AND ");
  const limit = params.add(opts.limit);
  const sql = `SELECT s.*, k__.key FROM (SELECT DISTINCT unnest(${keys}::uuid[]) AS key) k__
    CROSS JOIN LATERAL (
      SELECT ${opts.select ?? "t.*"}, row_number() OVER (ORDER BY ${opts.orderBy}) AS rn__
      FROM ${opts.from} WHERE ${where}
      ORDER BY ${opts.orderBy} LIMIT ${limit}
    ) s ORDER BY s.rn__`;
  // Helper columns: rn__ and the key.
  return rowsByParent<T>(manager, sql, params.values, opts.parentKeys, 2);
}
