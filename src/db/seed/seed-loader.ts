/**
 * Loads a seed folder (see seeds/README.md) into the database: validates every
 * file first, then writes everything in one transaction, matching records by
 * their natural keys so a second load changes nothing.
 */
import { DataSource, EntityManager } from "typeorm";
import { inTransaction } from "../../common/crud";
import { TableCounts } from "./seed-sync";
import { validateSeeds } from "./seed-validate";
import { SeedTable, writeSeeds } from "./seed-write";

export { SeedValidationError, formatProblem } from "./seed-problems";
export type { SeedProblem } from "./seed-problems";
export { validateSeeds } from "./seed-validate";
export type { TableCounts } from "./seed-sync";

export interface SeedReport {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Nested children (participants, claims, links…) no longer listed under their record, removed. */
  deleted: number;
  /** The same counts per table, in load order. */
  tables: Record<SeedTable, TableCounts>;
}

/** True when the database holds no stakeholders yet. */
export async function seedsNeeded(dataSource: DataSource): Promise<boolean> {
  const [{ n }] = await dataSource.query("SELECT count(*)::int AS n FROM stakeholder");
  return n === 0;
}

/**
 * Validates the seed folder `dir` and writes it through `manager`, in a
 * transaction (a savepoint when `manager` is already in one). Throws a
 * SeedValidationError, having written nothing, when any file has a problem.
 */
export async function loadSeedsWith(manager: EntityManager, dir: string): Promise<SeedReport> {
  const { set, dbIds } = await validateSeeds(manager, dir);
  const tables = await inTransaction(manager, (tx) => writeSeeds(tx, set, dbIds));
  const report: SeedReport = { inserted: 0, updated: 0, unchanged: 0, deleted: 0, tables };
  for (const counts of Object.values(tables)) {
    report.inserted += counts.inserted;
    report.updated += counts.updated;
    report.unchanged += counts.unchanged;
    report.deleted += counts.deleted;
  }
  return report;
}

/** Loads `dir` into `dataSource` in one transaction: the references checked are the ones written against. */
export async function loadSeeds(dataSource: DataSource, dir: string): Promise<SeedReport> {
  return dataSource.transaction((manager) => loadSeedsWith(manager, dir));
}
