/**
 * Counts the SQL statements issued on behalf of one request, so tests (and the
 * benchmark) can prove that nested queries are batched.
 *
 * A count rides on the objects a request's statements go through: the
 * request's own EntityManager (reads on the pool) and the query runner of its
 * transaction (or of a test's rolled-back transaction). It is not carried by
 * AsyncLocalStorage: on Node 20 that turns on promise hooks for every promise
 * in the process, which cost about a seventh of a deep query's CPU.
 */
import { EntityManager, QueryRunner } from "typeorm";

export interface QueryStats {
  statements: number;
}

const counters = new WeakMap<EntityManager | QueryRunner, QueryStats>();

/** Counts every statement later issued through `target` (and, for a manager, through its query runner) in `stats`. */
export function countOn(target: EntityManager | QueryRunner, stats: QueryStats): void {
  counters.set(target, stats);
}

/** The counter of the statements issued through `manager`, if any. */
export function statsOf(manager: EntityManager): QueryStats | undefined {
  return counters.get(manager) ?? (manager.queryRunner ? counters.get(manager.queryRunner) : undefined);
}

/** Records one statement read through `manager` (the direct read path, src/common/sql.ts). */
export function recordQuery(manager: EntityManager): void {
  const stats = statsOf(manager);
  if (stats) stats.statements += 1;
}

/** Records one statement TypeORM ran on `runner` (its logger's report). */
export function recordRunnerQuery(runner: QueryRunner | undefined): void {
  const stats = runner && counters.get(runner);
  if (stats) stats.statements += 1;
}
