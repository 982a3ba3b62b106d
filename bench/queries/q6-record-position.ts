/**
 * Q6: recordPosition with three event links — writes per second. Every
 * acknowledged write is checked afterwards (the position and its three links
 * are in the database), and everything the bench's API key wrote is deleted
 * at the end.
 */
import { Client } from "pg";
import { gid, idOf } from "../lib/sql-json";
import { BenchQuery, Fixtures, WriteCheck } from "../lib/types";

const STANCES = ["SUPPORT", "OPPOSE", "NEUTRAL", "MIXED"];
const RELATIONS = ["RESPONDS_TO", "CITES_AS_EVIDENCE", "CONDEMNS"];
/** Links each written position gets. */
export const LINKS_PER_WRITE = 3;

/** The n-th write: spread over stakeholders, propositions and events, three distinct events each. */
function write(f: Fixtures, n: number) {
  const ev = f.events.length;
  return {
    stakeholder: f.stakeholders[n % f.stakeholders.length],
    proposition: f.propositions[(n * 7) % f.propositions.length],
    stance: STANCES[n % STANCES.length],
    statedOn: `2023-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`,
    quote: `Benchmark quote ${n}`,
    events: [0, 1, 2].map((k) => ({ event: f.events[(n + k * 17) % ev], relation: RELATIONS[k] })),
  };
}

export const q6: BenchQuery = {
  name: "Q6",
  title: "recordPosition with 3 event links (write)",
  requires: ["Mutation.recordPosition"],
  graphql: `mutation Q6($input: RecordPositionInput!) {
  recordPosition(input: $input) { id version stance statedOn }
}`,
  variables: (f, n) => {
    const w = write(f, n);
    return {
      input: {
        stakeholder: w.stakeholder,
        proposition: w.proposition,
        stance: w.stance,
        statedOn: w.statedOn,
        quote: w.quote,
        quoteLanguage: "en",
        source: f.source,
        confidence: 0.9,
        events: w.events,
      },
    };
  },
  // The same rows in one statement, signed by the same key; no validation,
  // no reference checks with readable errors, no key lookup: the floor.
  sql: `
WITH p AS (
  INSERT INTO position (stakeholder_id, proposition_id, stance, stated_on, quote, quote_language, source_id,
                        confidence, created_by, updated_by)
  SELECT (SELECT id FROM stakeholder WHERE slug = $1), (SELECT id FROM proposition WHERE slug = $2), $3::stance,
         $4::date, $5, 'en', (SELECT id FROM source WHERE slug = $6), 0.9, $7::uuid, $7::uuid
  RETURNING id, version, stance, stated_on
), l AS (
  INSERT INTO position_event (position_id, event_id, relation, created_by, updated_by)
  SELECT p.id, e.id, r.relation::position_event_relation, $7::uuid, $7::uuid
  FROM p, unnest($8::text[], $9::text[]) AS r(slug, relation) JOIN event e ON e.slug = r.slug
)
SELECT json_build_object('data', json_build_object('recordPosition', json_build_object(
  'id', ${gid("Position", "p.id")}, 'version', p.version, 'stance', p.stance, 'statedOn', p.stated_on)))::text AS body,
  p.id AS written_id
FROM p`,
  params: (f, n) => {
    const w = write(f, n);
    return [
      w.stakeholder,
      w.proposition,
      w.stance,
      w.statedOn,
      w.quote,
      f.source,
      f.writer.keyId,
      w.events.map((e) => e.event),
      w.events.map((e) => e.relation),
    ];
  },
  writtenId: (response, from) => {
    if (from === "sql") return ((response as Record<string, unknown>).written_id as string) ?? null;
    const id = (response as { recordPosition?: { id?: string } } | null)?.recordPosition?.id;
    return id ? idOf(id) : null;
  },
  verify: async (db: Client, f: Fixtures, ids: string[]): Promise<WriteCheck> => {
    const [found] = (
      await db.query(
        `SELECT
           (SELECT count(*)::int FROM position WHERE id = ANY($1::uuid[]) AND created_by = $2) AS positions,
           (SELECT count(*)::int FROM position_event WHERE position_id = ANY($1::uuid[]) AND created_by = $2) AS links,
           (SELECT count(*)::int FROM (
              SELECT p.id FROM position p LEFT JOIN position_event pe ON pe.position_id = p.id
              WHERE p.id = ANY($1::uuid[]) GROUP BY p.id HAVING count(pe.id) = ${LINKS_PER_WRITE}) c) AS complete,
           (SELECT count(*)::int FROM position WHERE created_by = $2) AS positions_by_key,
           (SELECT count(*)::int FROM position_event WHERE created_by = $2) AS links_by_key`,
        [ids, f.writer.keyId],
      )
    ).rows;
    const problems: string[] = [];
    const unique = new Set(ids).size;
    if (unique !== ids.length) problems.push(`${ids.length - unique} acknowledged ids were duplicates`);
    if (found.positions !== unique) problems.push(`${unique - found.positions} acknowledged positions are missing`);
    if (found.links !== unique * LINKS_PER_WRITE) {
      problems.push(`expected ${unique * LINKS_PER_WRITE} event links, found ${found.links}`);
    }
    if (found.complete !== unique) problems.push(`${unique - found.complete} positions do not have exactly ${LINKS_PER_WRITE} links`);
    if (found.links_by_key !== found.positions_by_key * LINKS_PER_WRITE) {
      problems.push(`the key wrote ${found.positions_by_key} positions but ${found.links_by_key} links: a partial write`);
    }
    return {
      acknowledged: ids.length,
      verified: found.complete,
      rows: { position: found.positions, position_event: found.links },
      rowsByKey: { position: found.positions_by_key, position_event: found.links_by_key },
      problems,
    };
  },
  cleanup: async (db: Client, f: Fixtures) => {
    // position_event rows go with their position (ON DELETE CASCADE).
    const links = await db.query(`DELETE FROM position_event WHERE created_by = $1`, [f.writer.keyId]);
    const positions = await db.query(`DELETE FROM position WHERE created_by = $1`, [f.writer.keyId]);
    return { position_event: links.rowCount ?? 0, position: positions.rowCount ?? 0 };
  },
};
