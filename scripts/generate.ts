/**
 * Fills the database DATABASE_URL names with deterministic synthetic data
 * shaped like the real thing, for benchmarks:
 *
 *   npm run generate -- --scale S|M|L|<multiple of S> [--stances blocs|uniform] [--reset]
 *
 * S = 1k stakeholders, 200 propositions, 20k positions, 2k events, 40k
 * position–event links; M = 10× S; L = 100× S; a number n is n× S (50: a
 * million positions). Degrees are skewed (a few
 * stakeholders, propositions and events carry most links), like real
 * discourse data. So are stances, by default (`--stances blocs`): most
 * stakeholders belong to one of four blocs, and a bloc's members mostly take
 * its side on a proposition. Two blocs are opposed camps (one supports what
 * the other opposes, as the junta and Russia against France and the Western
 * Council members); two hold views of their own; a fifth of the stakeholders
 * belong to none. `--stances uniform` draws every stance independently: no
 * two stakeholders agree more than chance, the worst case for the alignment
 * network's pruning (its strongest edges are then weak, so nearly every pair
 * may reach them). Rows are generated inside Postgres with INSERT … SELECT
 * over generate_series, so even L is a few bulk statements, and values come
 * from hashes of the row number: the same scale always gives the same data.
 * Generated slugs start with `gen-`; --reset removes earlier generated rows.
 */
import "reflect-metadata";
import { Client } from "pg";
import { createDataSource } from "../src/db/data-source";

export const SCALES = {
  S: 1,
  M: 10,
  L: 100,
} as const;
/** A named scale, or a multiple of S (50: a million positions). */
export type Scale = keyof typeof SCALES | number;

/** How stances are drawn: by bloc (the default, like real discourse data) or each independently (the worst case). */
export type Stances = "blocs" | "uniform";
export const STANCES: readonly Stances[] = ["blocs", "uniform"];

/** Share of a bloc member's positions that take the bloc's side; the rest are drawn uniformly. */
export const BLOC_LOYALTY = 0.6;

/** Row counts for a scale. */
export function sizes(scale: Scale) {
  const k = typeof scale === "number" ? scale : SCALES[scale];
  return {
    stakeholders: 1_000 * k,
    propositions: 200 * k,
    events: 2_000 * k,
    positions: 20_000 * k,
    links: 40_000 * k,
    arguments: 1_000 * k,
    conflicts: 1_000 * k,
  };
}

// u(i, salt): a uniform number in [0,1) from a hash of (i, salt), stable across runs.
const U = `CREATE OR REPLACE FUNCTION pg_temp.u(i bigint, salt int) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$
    SELECT (('x' || substr(md5(i::text || ':' || salt::text), 1, 8))::bit(32)::bigint)::double precision / 4294967296.0
  $$`;
// skew(i, salt, n): an index in [1, n] drawn with a power-law-like bias to small indexes.
const SKEW = `CREATE OR REPLACE FUNCTION pg_temp.skew(i bigint, salt int, n bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + floor(n * pg_temp.u(i, salt) ^ 3)::bigint $$`;

// bloc(sh): the bloc of stakeholder number sh, 0…3, or 4 for none (a fifth each).
// stance(i, sh, pr, blocs): the stance of position i, by stakeholder sh on
// proposition pr. A bloc member takes its bloc's side with BLOC_LOYALTY;
// otherwise, and in uniform mode, SUPPORT, OPPOSE, NEUTRAL or MIXED are drawn
// as 2:2:1:1. Blocs 0 and 1 take opposite sides of every proposition.
const STANCE = `CREATE OR REPLACE FUNCTION pg_temp.stance(i bigint, sh bigint, pr bigint, blocs boolean) RETURNS stance
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
      WHEN blocs AND b.bloc < 4 AND pg_temp.u(i, 23) < ${BLOC_LOYALTY} THEN
        CASE WHEN (CASE b.bloc WHEN 0 THEN pg_temp.u(pr, 24) < 0.5 WHEN 1 THEN pg_temp.u(pr, 24) >= 0.5
                              WHEN 2 THEN pg_temp.u(pr, 25) < 0.5 ELSE pg_temp.u(pr, 26) < 0.5 END)
             THEN 'SUPPORT' ELSE 'OPPOSE' END
      ELSE (ARRAY['SUPPORT','SUPPORT','OPPOSE','OPPOSE','NEUTRAL','MIXED'])[1 + floor(pg_temp.u(i, 12) * 6)::int]
    END::stance
    FROM (SELECT floor(pg_temp.u(sh, 27) * 5)::int AS bloc) b
  $$`;

function statements(scale: Scale, stances: Stances): Array<[string, string]> {
  const n = sizes(scale);
  const kinds = `(ARRAY['STATE','GOVERNMENT','INTERGOVERNMENTAL_ORGANIZATION','ARMED_GROUP','PERSON','CIVIL_SOCIETY','MEDIA','POPULATION'])`;
  const countries = `(ARRAY['MLI','FRA','RUS','CHN','USA','GBR','NER','BFA','CIV','GHA','SEN','DZA'])`;
  const eventKinds = `(ARRAY['MEETING','SPEECH','ARMED_CLASH','PROTEST','VOTE','RESOLUTION_ADOPTED','MILITARY_OPERATION','REPORT_PUBLISHED'])`;
  const relations = `(ARRAY['EXPRESSED_AT','RESPONDS_TO','CITES_AS_EVIDENCE','CONDEMNS','ENDORSES','JUSTIFIES_BY','DENIES'])`;
  const day = (expr: string) => `(DATE '2010-01-01' + floor(${expr} * 5475)::int)`;
  return [
    [
      "stakeholders",
      `INSERT INTO stakeholder (slug, name, kind, country_code, aliases, description)
       SELECT 'gen-sh-' || lpad(i::text, 7, '0'), 'Stakeholder ' || i,
              ${kinds}[1 + floor(pg_temp.u(i, 1) * 8)::int]::stakeholder_kind,
              ${countries}[1 + floor(pg_temp.u(i, 2) * 12)::int],
              ARRAY['SH' || i], 'Generated stakeholder number ' || i
       FROM generate_series(1, ${n.stakeholders}) i`,
    ],
    [
      "propositions",
      `INSERT INTO proposition (slug, text, tags)
       SELECT 'gen-prop-' || lpad(i::text, 6, '0'),
              'Generated proposition ' || i || ': the mission should ' ||
              (ARRAY['continue','withdraw','change its mandate','protect civilians','investigate abuses'])[1 + i % 5],
              ARRAY['generated', 'topic-' || (i % 10)]
       FROM generate_series(1, ${n.propositions}) i`,
    ],
    [
      "sources",
      `INSERT INTO source (slug, kind, title, published_on, language)
       SELECT 'gen-src-' || lpad(i::text, 6, '0'), 'MEETING_RECORD', 'Generated record ' || i, ${day("pg_temp.u(i, 3)")}, 'en'
       FROM generate_series(1, ${Math.max(10, n.events / 10)}) i`,
    ],
    [
      "events",
      `INSERT INTO event (slug, title, kind, start_date, date_precision, location_country_code, description)
       SELECT 'gen-ev-' || lpad(i::text, 7, '0'), 'Generated event ' || i,
              ${eventKinds}[1 + floor(pg_temp.u(i, 4) * 8)::int]::event_kind,
              ${day("pg_temp.u(i, 5)")}, 'DAY', ${countries}[1 + floor(pg_temp.u(i, 6) * 12)::int],
              'A generated event about topic ' || (i % 10)
       FROM generate_series(1, ${n.events}) i`,
    ],
    [
      "participants",
      `INSERT INTO event_participant (event_id, stakeholder_id, role)
       SELECT DISTINCT ON (e.id, s.id, r.role) e.id, s.id, r.role
       FROM generate_series(1, ${n.events}) i
       CROSS JOIN LATERAL (VALUES ('SPEAKER'::participant_role, 7), ('TARGET'::participant_role, 8), ('HOST'::participant_role, 9)) r(role, salt)
       JOIN event e ON e.slug = 'gen-ev-' || lpad(i::text, 7, '0')
       JOIN stakeholder s ON s.slug = 'gen-sh-' || lpad(pg_temp.skew(i, r.salt, ${n.stakeholders})::text, 7, '0')`,
    ],
    [
      "positions",
      `INSERT INTO position (slug, stakeholder_id, proposition_id, stance, stated_on, quote, quote_language, source_id, confidence)
       SELECT 'gen-pos-' || lpad(i::text, 8, '0'), s.id, p.id,
              pg_temp.stance(i, k.sh, k.pr, ${stances === "blocs"}),
              ${day("pg_temp.u(i, 13)")},
              CASE WHEN i % 3 = 0 THEN 'Generated quote ' || i || ' on the mission and its mandate' END,
              CASE WHEN i % 3 = 0 THEN (ARRAY['en','fr'])[1 + i % 2] END,
              src.id, round((0.5 + pg_temp.u(i, 14) / 2)::numeric, 2)
       FROM generate_series(1, ${n.positions}) i
       CROSS JOIN LATERAL (SELECT pg_temp.skew(i, 10, ${n.stakeholders}) AS sh, pg_temp.skew(i, 11, ${n.propositions}) AS pr) k
       JOIN stakeholder s ON s.slug = 'gen-sh-' || lpad(k.sh::text, 7, '0')
       JOIN proposition p ON p.slug = 'gen-prop-' || lpad(k.pr::text, 6, '0')
       LEFT JOIN source src ON src.slug = 'gen-src-' || lpad((1 + i % ${Math.max(10, n.events / 10)})::text, 6, '0')`,
    ],
    [
      "position-event links",
      `INSERT INTO position_event (position_id, event_id, relation)
       SELECT pos.id, e.id, ${relations}[1 + floor(pg_temp.u(i, 16) * 7)::int]::position_event_relation
       FROM generate_series(1, ${n.links}) i
       JOIN position pos ON pos.slug = 'gen-pos-' || lpad((1 + (i - 1) % ${n.positions})::text, 8, '0')
       JOIN event e ON e.slug = 'gen-ev-' || lpad(pg_temp.skew(i, 15, ${n.events})::text, 7, '0')
       ON CONFLICT DO NOTHING`,
    ],
    [
      "votes",
      `INSERT INTO vote (event_id, stakeholder_id, choice)
       SELECT e.id, s.id, (ARRAY['YES','YES','YES','NO','ABSTAIN'])[1 + (j % 5)]::vote_choice
       FROM event e CROSS JOIN generate_series(1, 15) j
       JOIN stakeholder s ON s.slug = 'gen-sh-' || lpad(j::text, 7, '0')
       WHERE e.slug LIKE 'gen-ev-%' AND e.kind = 'VOTE'`,
    ],
    [
      "vote motions",
      `UPDATE event e SET motion_id = p.id
       FROM proposition p
       WHERE e.slug LIKE 'gen-ev-%' AND e.kind = 'VOTE'
         AND p.slug = 'gen-prop-' || lpad((1 + substr(e.slug, 8)::int % ${n.propositions})::text, 6, '0')`,
    ],
    [
      "arguments",
      `INSERT INTO argument (slug, author_id, conclusion_id, scheme, stated_on)
       SELECT 'gen-arg-' || lpad(i::text, 7, '0'), s.id, p.id,
              (ARRAY['argument-from-consequences','argument-from-sovereignty','argument-from-expert-opinion'])[1 + i % 3],
              ${day("pg_temp.u(i, 19)")}
       FROM generate_series(1, ${n.arguments}) i
       JOIN stakeholder s ON s.slug = 'gen-sh-' || lpad(pg_temp.skew(i, 17, ${n.stakeholders})::text, 7, '0')
       JOIN proposition p ON p.slug = 'gen-prop-' || lpad(pg_temp.skew(i, 18, ${n.propositions})::text, 6, '0')`,
    ],
    [
      "premises",
      `INSERT INTO argument_premise (argument_id, proposition_id, ordinal)
       SELECT a.id, p.id, k
       FROM generate_series(1, ${n.arguments}) i
       CROSS JOIN generate_series(0, 1) k
       JOIN argument a ON a.slug = 'gen-arg-' || lpad(i::text, 7, '0')
       JOIN proposition p ON p.slug = 'gen-prop-' || lpad((1 + floor(pg_temp.u(i * 2 + k, 20) * ${n.propositions}))::bigint::text, 6, '0')
       WHERE p.id <> a.conclusion_id
       ON CONFLICT DO NOTHING`,
    ],
    [
      "conflicts",
      `INSERT INTO conflict (slug, kind, attacker_argument_id, target_argument_id, target_inference_id)
       SELECT 'gen-cf-' || lpad(i::text, 7, '0'), k.kind::conflict_kind, a.id,
              CASE WHEN k.kind = 'UNDERCUT' THEN NULL ELSE b.id END,
              CASE WHEN k.kind = 'UNDERCUT' THEN b.id END
       FROM generate_series(1, ${n.conflicts}) i
       CROSS JOIN LATERAL (SELECT (ARRAY['REBUT','REBUT','UNDERMINE','UNDERCUT'])[1 + i % 4] AS kind) k
       JOIN argument a ON a.slug = 'gen-arg-' || lpad(pg_temp.skew(i, 21, ${n.arguments})::text, 7, '0')
       JOIN argument b ON b.slug = 'gen-arg-' || lpad(pg_temp.skew(i, 22, ${n.arguments})::text, 7, '0')
       WHERE a.id <> b.id`,
    ],
  ];
}

async function reset(client: Client): Promise<void> {
  await client.query(`
    DELETE FROM conflict WHERE slug LIKE 'gen-%';
    DELETE FROM argument WHERE slug LIKE 'gen-%';
    DELETE FROM position_event WHERE event_id IN (SELECT id FROM event WHERE slug LIKE 'gen-%');
    DELETE FROM vote WHERE event_id IN (SELECT id FROM event WHERE slug LIKE 'gen-%');
    -- Positions on generated stakeholders, propositions or sources go too, whoever
    -- wrote them (an interrupted benchmark leaves such rows): they would block the
    -- deletes below. Their event links go with them (ON DELETE CASCADE).
    DELETE FROM position WHERE slug LIKE 'gen-%'
      OR stakeholder_id IN (SELECT id FROM stakeholder WHERE slug LIKE 'gen-%')
      OR proposition_id IN (SELECT id FROM proposition WHERE slug LIKE 'gen-%')
      OR source_id IN (SELECT id FROM source WHERE slug LIKE 'gen-%');
    DELETE FROM event WHERE slug LIKE 'gen-%';
    DELETE FROM source WHERE slug LIKE 'gen-%';
    DELETE FROM proposition WHERE slug LIKE 'gen-%';
    DELETE FROM stakeholder WHERE slug LIKE 'gen-%';
  `);
}

/** Generates a scale into the database at `url`; returns seconds per step. */
export async function generate(
  url: string,
  scale: Scale,
  opts: { reset?: boolean; stances?: Stances; log?: (m: string) => void } = {},
) {
  const log = opts.log ?? (() => undefined);
  // The schema comes from the committed migrations, as for the server.
  const ds = createDataSource({ url, poolSize: 1, statementTimeoutMs: 0 });
  await ds.initialize();
  await ds.runMigrations({ transaction: "each" });
  await ds.destroy();
  const client = new Client({ connectionString: url });
  await client.connect();
  const timings: Record<string, number> = {};
  try {
    const [{ n }] = (await client.query("SELECT count(*)::int AS n FROM stakeholder WHERE slug LIKE 'gen-%'")).rows;
    if (n > 0) {
      if (!opts.reset) throw new Error(`the database already holds generated data (${n} stakeholders); pass --reset`);
      const t = Date.now();
      await reset(client);
      timings.reset = (Date.now() - t) / 1000;
      log(`reset: ${timings.reset.toFixed(1)} s`);
    }
    await client.query("SET max_parallel_workers_per_gather = 0"); // keep hash draws in row order
    await client.query(U);
    await client.query(SKEW);
    await client.query(STANCE);
    for (const [name, sql] of statements(scale, opts.stances ?? "blocs")) {
      const t = Date.now();
      const res = await client.query(sql);
      timings[name] = (Date.now() - t) / 1000;
      log(`${name.padEnd(22)} ${String(res.rowCount).padStart(9)} rows  ${timings[name].toFixed(1)} s`);
    }
    // VACUUM as well as ANALYZE: index-only scans (the analyses' covering
    // indexes) skip the table only for pages the visibility map marks all
    // visible, which autovacuum would set some time after a bulk load. The
    // benchmark measures the settled state.
    const t = Date.now();
    await client.query("VACUUM (ANALYZE)");
    timings.analyze = (Date.now() - t) / 1000;
  } finally {
    await client.end();
  }
  return timings;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const i = args.indexOf("--scale");
  const given = i >= 0 ? args[i + 1] : "S";
  const scale: Scale = /^[1-9][0-9]*$/.test(given) ? Number(given) : (given as Scale);
  const j = args.indexOf("--stances");
  const stances = (j >= 0 ? args[j + 1] : "blocs") as Stances;
  if ((typeof scale !== "number" && !(scale in SCALES)) || !STANCES.includes(stances)) {
    console.error("usage: npm run generate -- --scale S|M|L|<multiple of S> [--stances blocs|uniform] [--reset]");
    process.exit(2);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL must name the Postgres database to fill");
    process.exit(2);
  }
  const started = Date.now();
  console.log(`generating scale ${scale}, ${stances} stances: ${JSON.stringify(sizes(scale))}`);
  await generate(url, scale, { reset: args.includes("--reset"), stances, log: (m) => console.log(m) });
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
