/**
 * The write path shared by every module: insert, optimistic update and
 * delete, each signed by the caller, with Postgres errors turned into coded
 * client errors. Services call these inside their transaction.
 */
import { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { AppError, ErrorCode, badInput, conflict, notFound } from "../errors";
import { Caller } from "../modules/auth/auth.service";
import { fromGlobalId, isUuid } from "./global-id";
import { camelRow, queryObjects } from "./sql";
import { countOn, statsOf } from "../db/query-counter";

/** Turns a global ID (or a bare uuid) of `type` into its uuid, or BAD_USER_INPUT. */
export function parseId(globalId: string, type: string, path: string): string {
  if (isUuid(globalId)) return globalId;
  const parsed = fromGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput([{ path, message: `is not the ID of a ${type}` }]);
  return parsed.id;
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  table?: string;
}

/** The Postgres error behind `err`: pg's own, or the one TypeORM wraps as driverError. */
export function pgErrorOf(err: unknown): PgError {
  return ((err as { driverError?: PgError }).driverError ?? err) as PgError;
}

/** Maps a Postgres error to a client error; rethrows anything unexpected. */
export function mapDbError(err: unknown): never {
  if (err instanceof AppError) throw err;
  const pg = pgErrorOf(err);
  switch (pg.code) {
    case "23505":
      throw conflict(`A record with the same key already exists (${pg.detail ?? pg.constraint})`, {
        constraint: pg.constraint,
      });
    case "23503":
      throw conflict(`This change would break a reference (${pg.detail ?? pg.constraint})`, {
        constraint: pg.constraint,
      });
    case "23001":
      // ON DELETE RESTRICT: other records still refer to this one.
      throw conflict(`Other records still refer to this one (from table ${pg.table}); delete or change them first`, {
        constraint: pg.constraint,
        referencedFrom: pg.table,
      });
    case "23514":
    case "23502":
    case "22P02":
    case "22007":
    case "22008":
      throw new AppError(ErrorCode.BAD_USER_INPUT, `The database refused a value (${pg.constraint ?? pg.detail ?? pg.code})`, {
        constraint: pg.constraint,
      });
    default:
      throw err;
  }
}

function tableOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): string {
  return manager.connection.getMetadata(entity).tableName;
}

/** Inserts one row signed by `caller` and returns it as a camelCase object. */
export async function insertRow<T>(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  values: Record<string, unknown>,
  caller: Caller | null,
): Promise<T> {
  try {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values({ ...values, createdBy: caller?.keyId ?? null, updatedBy: caller?.keyId ?? null })
      .returning("*")
      .execute();
    return camelRow<T>(result.raw[0]);
  } catch (err) {
    mapDbError(err);
  }
}

/** Inserts several rows of one table in one statement, signed by `caller`. */
export async function insertMany(
  tx: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: Record<string, unknown>[],
  caller: Caller,
): Promise<void> {
  if (!rows.length) return;
  try {
    await tx
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.map((r) => ({ ...r, createdBy: caller.keyId, updatedBy: caller.keyId })))
      .execute();
  } catch (err) {
    mapDbError(err);
  }
}

/**
 * Updates one row if its version is still `version` (optimistic concurrency):
 * a stale version is a CONFLICT that reports the current one, so a client can
 * reload and reapply instead of overwriting someone else's change.
 */
export async function updateRow<T>(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  typeName: string,
  id: string,
  version: number,
  patch: Record<string, unknown>,
  caller: Caller,
): Promise<T> {
  let raw: Record<string, unknown>[];
  try {
    const result = await manager
      .createQueryBuilder()
      .update(entity)
      .set({ ...patch, version: () => "version + 1", updatedAt: () => "now()", updatedBy: caller.keyId })
      .where("id = :id AND version = :version", { id, version })
      .returning("*")
      .execute();
    raw = result.raw;
  } catch (err) {
    mapDbError(err);
  }
  if (raw.length === 1) return camelRow<T>(raw[0]);
  const current: Array<{ version: number }> = await queryObjects(
    manager,
    `SELECT version FROM ${tableOf(manager, entity)} WHERE id = $1`,
    [id],
  );
  if (!current.length) throw notFound(typeName, id, "input.id");
  throw conflict(
    `${typeName} was changed by someone else: you sent version ${version}, it is now at version ${current[0].version}. Reload it and apply your change again.`,
    { field: "input.version", currentVersion: current[0].version },
  );
}

/** Deletes one row (checking `version` when given); references that would break are a CONFLICT. */
export async function deleteRow(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  typeName: string,
  id: string,
  version?: number | null,
): Promise<void> {
  const table = tableOf(manager, entity);
  let deleted: unknown[];
  try {
    deleted = await manager.query(
      `DELETE FROM ${table} WHERE id = $1 ${version != null ? "AND version = $2" : ""} RETURNING id`,
      version != null ? [id, version] : [id],
    );
  } catch (err) {
    mapDbError(err);
  }
  // pg returns [rows, count] for DELETE … RETURNING through TypeORM.
  const rows = Array.isArray(deleted[0]) ? (deleted[0] as unknown[]) : deleted;
  if (rows.length) return;
  const current: Array<{ version: number }> = await queryObjects(manager, `SELECT version FROM ${table} WHERE id = $1`, [id]);
  if (!current.length) throw notFound(typeName, id, "id");
  throw conflict(`${typeName} was changed by someone else (now at version ${current[0].version})`, {
    field: "version",
    currentVersion: current[0].version,
  });
}

/** Drops keys whose value is `undefined`, so a patch only touches fields the client sent. */
export function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * SQLSTATEs of a transaction that lost a race with another and was rolled
 * back whole (serialization_failure, deadlock_detected): run again from the
 * start, it sees the winner's writes and usually goes through. Writers of
 * several stakeholders' positions in several statements can deadlock on the
 * stakeholder locks that keep latest_position right.
 */
const RACED = new Set(["40001", "40P01"]);

/** How many times a transaction that keeps losing races runs before the client is told. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * Runs `attempt` (a whole transaction) again while it fails by losing a race,
 * at most TRANSACTION_ATTEMPTS times; the last such failure is a CONFLICT the
 * client may send again (extensions.retryable), not an internal error.
 */
export async function retryRaced<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const code = pgErrorOf(err).code;
      if (!code || !RACED.has(code)) throw err;
      if (n >= TRANSACTION_ATTEMPTS) {
        throw conflict(`This write collided with concurrent writes ${n} times and was rolled back; send it again`, {
          retryable: true,
        });
      }
    }
  }
}

/**
 * Runs `fn` in a transaction on the request's manager (a savepoint when one is
 * open). The transaction's query runner is made here, rather than by TypeORM,
 * so that its statements count towards the request (query-counter.ts). A
 * transaction that loses a race runs again (retryRaced), so `fn` must do
 * nothing but its queries; a savepoint does not, as its transaction holds
 * locks that running it again would not release.
 */
export async function inTransaction<T>(manager: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (manager.queryRunner) return manager.transaction(fn);
  const stats = statsOf(manager);
  if (!stats) return retryRaced(() => manager.transaction(fn));
  return retryRaced(async () => {
    const runner = manager.connection.createQueryRunner();
    countOn(runner, stats);
    try {
      return await runner.manager.transaction(fn);
    } finally {
      await runner.release();
    }
  });
}
