/**
 * Q5: the alignment network (DNA congruence) of 50 stakeholders over all
 * propositions: each stakeholder's latest stance per proposition, pairs of
 * stakeholders weighted by the propositions on which they agree.
 */
import { BenchQuery } from "../lib/types";

export const q5: BenchQuery = {
  name: "Q5",
  title: "alignment network of 50 stakeholders, all propositions",
  requires: ["Query.alignment"],
  graphql: `query Q5($stakeholders: [String!]) {
  alignment(stakeholders: $stakeholders, mode: CONGRUENCE) {
    nodes { stakeholder { slug } positionCount decidedCount }
    edges { weight agreements disagreements source { slug } target { slug } }
    edgeCount truncated
  }
}`,
  variables: (f) => ({ stakeholders: f.stakeholders.slice(0, 50) }),
  // As src/modules/analysis/alignment.service.ts with its defaults
  // (CONGRUENCE, minWeight 1, maxEdges 1000): the latest position per
  // stakeholder and proposition, SUPPORT/OPPOSE only, paired by bit strings.
  sql: `
WITH named AS (
  SELECT id, slug FROM stakeholder WHERE slug = ANY($1::text[])
), latest AS MATERIALIZED (
  -- Stakeholder by stakeholder along position_stakeholder_latest_idx, as the server does.
  SELECT l.* FROM named n CROSS JOIN LATERAL (
    SELECT DISTINCT ON (p.proposition_id) p.proposition_id, p.stakeholder_id, p.stance
    FROM position p WHERE p.stakeholder_id = n.id
    ORDER BY p.proposition_id, p.stated_on DESC, p.created_at DESC, p.id DESC
  ) l
), decided AS MATERIALIZED (
  SELECT proposition_id, stakeholder_id, stance = 'SUPPORT' AS support FROM latest WHERE stance IN ('SUPPORT', 'OPPOSE')
), counts AS (
  SELECT stakeholder_id, count(*)::int AS position_count,
         count(*) FILTER (WHERE stance IN ('SUPPORT', 'OPPOSE'))::int AS decided_count
  FROM latest GROUP BY stakeholder_id
), bit_of AS MATERIALIZED (
  -- As the server does: each stakeholder's SUPPORTed and OPPOSEd propositions
  -- as bit strings, a pair's counts as popcounts of their ANDs.
  SELECT proposition_id, (row_number() OVER ())::int - 1 AS bit FROM (SELECT DISTINCT proposition_id FROM decided) d
), no_bits AS MATERIALIZED (
  SELECT repeat('0', count(*)::int)::varbit AS z FROM bit_of
), held AS MATERIALIZED (
  SELECT d.stakeholder_id,
         coalesce(bit_or(set_bit((SELECT z FROM no_bits), b.bit, 1)) FILTER (WHERE d.support), (SELECT z FROM no_bits)) AS sup,
         coalesce(bit_or(set_bit((SELECT z FROM no_bits), b.bit, 1)) FILTER (WHERE NOT d.support), (SELECT z FROM no_bits)) AS opp
  FROM decided d JOIN bit_of b ON b.proposition_id = d.proposition_id
  GROUP BY d.stakeholder_id
), pairs AS (
  SELECT a.stakeholder_id AS source_id, b.stakeholder_id AS target_id,
         (bit_count(a.sup & b.sup) + bit_count(a.opp & b.opp))::int AS agreements,
         (bit_count(a.sup & b.opp) + bit_count(a.opp & b.sup))::int AS disagreements
  FROM held a JOIN held b ON b.stakeholder_id > a.stakeholder_id
), weighted AS (
  SELECT *, agreements AS weight FROM pairs WHERE agreements >= 1
), kept AS (
  SELECT * FROM weighted ORDER BY abs(weight) DESC, source_id, target_id LIMIT 1000
)
SELECT json_build_object('data', json_build_object('alignment', json_build_object(
  'nodes', (SELECT coalesce(json_agg(json_build_object(
              'stakeholder', json_build_object('slug', n.slug),
              'positionCount', coalesce(c.position_count, 0), 'decidedCount', coalesce(c.decided_count, 0))
            ORDER BY n.slug), '[]')
            FROM named n LEFT JOIN counts c ON c.stakeholder_id = n.id),
  'edges', (SELECT coalesce(json_agg(json_build_object(
              'weight', k.weight, 'agreements', k.agreements, 'disagreements', k.disagreements,
              'source', json_build_object('slug', s.slug), 'target', json_build_object('slug', t.slug))
            ORDER BY k.weight DESC, k.source_id::text, k.target_id::text), '[]')
            FROM kept k JOIN named s ON s.id = k.source_id JOIN named t ON t.id = k.target_id),
  'edgeCount', (SELECT count(*)::int FROM weighted),
  'truncated', (SELECT count(*) > 1000 FROM weighted)
)))::text AS body`,
  params: (f) => [f.stakeholders.slice(0, 50)],
};
