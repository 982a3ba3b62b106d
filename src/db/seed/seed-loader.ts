/**
 * Loads a seed folder (see seeds/README.md) into the database: validates every
 * file first, then writes everything in one transaction, matching records by
 * their natural keys so a second load changes nothing.
 */
import { DataSource } from "typeorm";

export interface SeedReport {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** True when the database holds no stakeholders yet. */
export async function seedsNeeded(dataSource: DataSource): Promise<boolean> {
  const [{ n }] = await dataSource.query("SELECT count(*)::int AS n FROM stakeholder");
  return n === 0;
}

export async function loadSeeds(_dataSource: DataSource, _dir: string): Promise<SeedReport> {
  // TODO(seed loader): implemented in the seed loader change.
  return { inserted: 0, updated: 0, unchanged: 0 };
}
