/** What a benchmark query is, and what the bench knows about the data it runs on. */
import { Client } from "pg";

/** Slugs picked from the generated data (low numbers are the most linked: degrees are skewed). */
export interface Fixtures {
  /** S, M or L when the generated row counts match a scale, otherwise "custom". */
  scale: string;
  counts: Record<string, number>;
  /** gen-sh-… slugs, lowest numbers first. */
  stakeholders: string[];
  /** gen-prop-… slugs, lowest numbers first. */
  propositions: string[];
  /** gen-ev-… slugs, lowest numbers first. */
  events: string[];
  /** gen-arg-… slugs of arguments that take part in conflicts, most conflicts first. */
  arguments: string[];
  /** A gen-src-… slug, cited by the written positions. */
  source: string;
  /** The API key the write query signs with; created by the bench and deleted at the end. */
  writer: { keyId: string; secret: string };
}

/** The outcome of checking what a write query wrote. */
export interface WriteCheck {
  /** Writes the client saw acknowledged. */
  acknowledged: number;
  /** Acknowledged writes found in full in the database. */
  verified: number;
  /** Rows found per table for the acknowledged writes. */
  rows: Record<string, number>;
  /** Rows the bench's key wrote in all, acknowledged or not (a run stops with requests in flight). */
  rowsByKey: Record<string, number>;
  /** What is wrong, if anything. */
  problems: string[];
}

/**
 * One benchmark query: the GraphQL operation the server answers and its
 * "physical limit" twin, one hand-written SQL statement that returns the same
 * response body, built in Postgres with json_build_object / json_agg.
 *
 * `S` is a walker's state: each load-generator connection (and each SQL
 * worker) owns one, so a walk with cursors continues from its own last page.
 */
export interface BenchQuery<S = undefined> {
  /** Q1…Q6. */
  name: string;
  title: string;
  /** Root fields the operation needs, e.g. `Query.alignment`; the bench skips the query when one is missing. */
  requires: string[];
  graphql: string;
  variables(f: Fixtures, n: number, state: S): Record<string, unknown>;
  /** One statement; its first column, `body`, is the JSON response as text. */
  sql: string;
  params(f: Fixtures, n: number, state: S): unknown[];
  /** A new walker's state. */
  initialState?(): S;
  /** Moves a walker on after a GraphQL response (its parsed `data`). */
  advanceGraphql?(data: unknown, state: S): void;
  /** Moves a walker on after a SQL row. */
  advanceSql?(row: Record<string, unknown>, state: S): void;
  /**
   * The same operation returning fewer rows (smaller pages, fewer parents):
   * its SQL statement count must equal the full one's.
   */
  smallGraphql?: string;
  /** For write queries: the id of what one response (GraphQL `data` or SQL row) acknowledged. */
  writtenId?(response: unknown, from: "graphql" | "sql"): string | null;
  /** For write queries: checks that every acknowledged write is in the database. */
  verify?(db: Client, f: Fixtures, ids: string[]): Promise<WriteCheck>;
  /** For write queries: deletes what the bench wrote; returns rows deleted per table. */
  cleanup?(db: Client, f: Fixtures): Promise<Record<string, number>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyQuery = BenchQuery<any>;
