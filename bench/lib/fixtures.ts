/** Picks the slugs the queries use from the generated data, and makes the write query's API key. */
import { Client } from "pg";
import { DataSource } from "typeorm";
import { createDataSource } from "../../src/db/data-source";
import { Role } from "../../src/modules/auth/api-key.entity";
import { createApiKey } from "../../src/modules/auth/auth.service";
import { sizes } from "../../scripts/generate";
import { Fixtures } from "./types";

/** Name of the API keys the bench creates (and deletes). */
export const BENCH_KEY_NAME = "stancegraph-bench";

async function slugs(db: Client, table: string, prefix: string, limit: number): Promise<string[]> {
  const { rows } = await db.query(`SELECT slug FROM ${table} WHERE slug LIKE $1 ORDER BY slug LIMIT $2`, [`${prefix}%`, limit]);
  return rows.map((r: { slug: string }) => r.slug);
}

/** The generated data's counts, and which scale they are; throws when there is no generated data. */
export async function loadFixtures(db: Client): Promise<Omit<Fixtures, "writer">> {
  const [counts] = (
    await db.query(`SELECT
      (SELECT count(*)::int FROM stakeholder WHERE slug LIKE 'gen-%') AS stakeholders,
      (SELECT count(*)::int FROM proposition WHERE slug LIKE 'gen-%') AS propositions,
      (SELECT count(*)::int FROM event WHERE slug LIKE 'gen-%') AS events,
      (SELECT count(*)::int FROM position WHERE slug LIKE 'gen-%') AS positions,
      (SELECT count(*)::int FROM position_event) AS links,
      (SELECT count(*)::int FROM argument WHERE slug LIKE 'gen-%') AS arguments,
      (SELECT count(*)::int FROM conflict WHERE slug LIKE 'gen-%') AS conflicts`)
  ).rows;
  if (!counts.stakeholders || !counts.positions || !counts.events) {
    throw new Error("the database holds no generated data: run `npm run generate -- --scale S` first (with the same DATABASE_URL)");
  }
  const scale =
    (["S", "M", "L"] as const).find(
      (s) => sizes(s).stakeholders === counts.stakeholders && sizes(s).positions === counts.positions,
    ) ?? "custom";
  // Arguments that attack or are attacked most: their graph reaches furthest.
  const args = (
    await db.query(`
      SELECT a.slug FROM argument a
      JOIN LATERAL (SELECT count(*) AS n FROM conflict c
                    WHERE c.attacker_argument_id = a.id OR c.target_argument_id = a.id OR c.target_inference_id = a.id) c ON true
      WHERE a.slug LIKE 'gen-arg-%' ORDER BY c.n DESC, a.slug LIMIT 20`)
  ).rows.map((r: { slug: string }) => r.slug);
  const [source] = await slugs(db, "source", "gen-src-", 1);
  return {
    scale,
    counts,
    stakeholders: await slugs(db, "stakeholder", "gen-sh-", 50),
    propositions: await slugs(db, "proposition", "gen-prop-", 50),
    events: await slugs(db, "event", "gen-ev-", 60),
    arguments: args,
    source,
  };
}

/**
 * Creates an editor key with the server's own createApiKey (through a TypeORM
 * connection), for the write query.
 */
export async function createBenchKey(url: string): Promise<{ keyId: string; secret: string }> {
  const ds: DataSource = createDataSource({ url, poolSize: 1, statementTimeoutMs: 0 });
  await ds.initialize();
  try {
    const { id, secret } = await createApiKey(ds.manager, BENCH_KEY_NAME, Role.EDITOR);
    return { keyId: id, secret };
  } finally {
    await ds.destroy();
  }
}

/** Deletes the bench's key; rows it signed must be deleted first (created_by is SET NULL on delete). */
export async function deleteBenchKey(db: Client, keyId: string): Promise<void> {
  await db.query(`DELETE FROM api_key WHERE id = $1`, [keyId]);
}
