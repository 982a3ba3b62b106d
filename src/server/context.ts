/**
 * The request context: everything request-scoped is made here, never at
 * module level.
 */
import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { LoaderRegistry } from "../common/loader-registry";
import { QueryStats, countOn } from "../db/query-counter";
import { Caller, authenticate } from "../modules/auth/auth.service";

export interface Context {
  requestId: string;
  /** Reads go through this manager; mutations open their transaction on it. */
  manager: EntityManager;
  loaders: LoaderRegistry;
  /**
   * statement_timeout for the alignment network's heavy statement (Config's
   * alignmentTimeoutMs); unset, it runs under the connection's own.
   */
  alignmentTimeoutMs?: number;
  /** Resolves the caller from the Authorization header; only mutations ask. */
  caller(): Promise<Caller>;
}

export interface ContextInput {
  manager: EntityManager;
  authorization?: string | undefined;
  requestId?: string;
  alignmentTimeoutMs?: number;
}

export function createContext(input: ContextInput): Context {
  let caller: Promise<Caller> | undefined;
  return {
    requestId: input.requestId ?? randomUUID(),
    manager: input.manager,
    loaders: new LoaderRegistry(),
    alignmentTimeoutMs: input.alignmentTimeoutMs,
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
