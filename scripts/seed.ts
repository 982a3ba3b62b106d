/**
 * Loads a seed folder into the database:
 *   npm run seed [-- <dir>]            loads seeds/minusma (SEED_DIR) or <dir>
 *   npm run seed -- --check [<dir>]    validates only, writes nothing
 * Uses DATABASE_URL, or the embedded database in STANCEGRAPH_DATA_DIR (stop the
 * server first: the embedded database has one owner at a time). Exits 1 with
 * the list of problems when the data does not validate.
 */
import "reflect-metadata";
import path from "node:path";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { SeedReport, SeedValidationError, loadSeeds, validateSeeds } from "../src/db/seed/seed-loader";

function printReport(dir: string, report: SeedReport): void {
  console.log(`loaded ${dir}`);
  const rows = Object.entries(report.tables).map(([table, c]) => [table, c.inserted, c.updated, c.unchanged, c.deleted]);
  rows.push(["total", report.inserted, report.updated, report.unchanged, report.deleted]);
  const header = ["table", "inserted", "updated", "unchanged", "deleted"];
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Array<string | number>) =>
    cells.map((c, i) => (i === 0 ? String(c).padEnd(width[i]) : String(c).padStart(width[i]))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const rest = args.filter((a) => a !== "--check");
  if (rest.length > 1 || rest.some((a) => a.startsWith("-"))) {
    console.error("usage: npm run seed -- [--check] [<dir>]");
    return 2;
  }
  const config = loadConfig();
  const dir = rest[0] ? path.resolve(rest[0]) : config.seedDir;
  const db = await openDatabase(config, { dataDir: config.dataDir });
  try {
    if (check) {
      await validateSeeds(db.dataSource.manager, dir);
      console.log(`${dir}: no problems`);
    } else {
      printReport(dir, await loadSeeds(db.dataSource, dir));
    }
    return 0;
  } catch (err) {
    if (err instanceof SeedValidationError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
