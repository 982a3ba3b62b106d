/**
 * The request context: everything request-scoped is made here, never at
 * module level.
 */
import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { Gate } from "../common/gate";
import { LoaderRegistry } from "../common/loader-registry";
import { QueryStats, countOn } from "../db/query-counter";
import { Caller, authenticate } from "../modules/auth/auth.service";

export interface Context {
  requestId: string;
  /** Reads go through this manager; mutations open their transaction on it. */
  manager: EntityManager;
  loaders: LoaderRegistry;
  /** How the alignment network over everyone runs; unset, at once and under the connection's statement_timeout. */
  alignment?: AlignmentLimits;
  /** Resolves the caller from the Authorization header; only mutations ask. */
  caller(): Promise<Caller>;
}

export interface ContextInput {
  manager: EntityManager;
  authorization?: string | undefined;
  requestId?: string;
  alignment?: AlignmentLimits;
}

/** Config's alignment settings, with the process's one gate. */
export interface AlignmentLimits {
  /** statement_timeout of its statement (alignmentTimeoutMs). */
  timeoutMs?: number;
  /** How many run at once (alignmentConcurrency). */
  gate?: Gate;
}

export function createContext(input: ContextInput): Context {
  let caller: Promise<Caller> | undefined;
  return {
    requestId: input.requestId ?? randomUUID(),
    manager: input.manager,
    loaders: new LoaderRegistry(),
    alignment: input.alignment,
    caller() {
      caller ??= authenticate(input.manager, input.authorization);
      return caller;
    },
  };
}

/**
 * Context for a request served by the app's data source. The request gets an
 * EntityManager of its own (a cheap object over the shared pool) so that its
 * statements are counted in `stats`.
 */
export function contextFor(dataSource: DataSource, stats: QueryStats, input: Omit<ContextInput, "manager"> = {}): Context {
  const manager = dataSource.createEntityManager();
  countOn(manager, stats);
  return createContext({ ...input, manager });
}
