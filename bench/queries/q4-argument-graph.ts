/**
 * Q4: the argument graph around an argument, to depth 4, with the grounded
 * (Dung) label of every argument in it.
 */
import { base64url, gid } from "../lib/sql-json";
import { BenchQuery } from "../lib/types";

/** The server's default node cap (DEFAULT_GRAPH_NODES in graph.service.ts). */
const MAX_NODES = 500;
const DEPTH = 4;

export const q4: BenchQuery = {
  name: "Q4",
  title: "argument graph, depth 4, grounded labels",
  requires: ["Query.argumentGraph"],
  graphql: `query Q4($argument: String) {
  argumentGraph(argument: $argument, depth: ${DEPTH}) {
    nodeCount edgeCount truncated
    nodes { id kind depth label argument { slug } proposition { slug } }
    edges { kind from to conflictKind }
    grounded { argument { slug } label }
  }
}`,
  // The five arguments in the most conflicts, in turn.
  variables: (f, n) => ({ argument: f.arguments[n % Math.min(5, f.arguments.length)] }),
  // The same breadth-first walk as graph.service.ts (premise, conclusion,
  // conflict and rephrase edges, both ways, capped at 500 nodes), its edges,
  // the attack relation it derives, and the grounded labelling computed in
  // Postgres by iterating IN = "every attacker OUT", OUT = "some attacker IN"
  // to the least fixed point.
  sql: `
WITH RECURSIVE walk(depth, fa, fp, va, vp) AS (
  SELECT 0, r.ids, '{}'::uuid[], r.ids, '{}'::uuid[]
  FROM (SELECT ARRAY(SELECT id FROM argument WHERE slug = $1) AS ids) r
  UNION ALL
  SELECT w.depth + 1, n.na, n.np, w.va || n.na, w.vp || n.np
  FROM walk w
  CROSS JOIN LATERAL (
    SELECT COALESCE(array_agg(s.id) FILTER (WHERE s.k = 'A'), '{}') AS na,
           COALESCE(array_agg(s.id) FILTER (WHERE s.k = 'P'), '{}') AS np
    FROM (
      SELECT DISTINCT e.k, e.id FROM (
        SELECT 'A' AS k, ap.argument_id AS id FROM argument_premise ap WHERE ap.proposition_id = ANY(w.fp)
        UNION ALL SELECT 'P', ap.proposition_id FROM argument_premise ap WHERE ap.argument_id = ANY(w.fa)
        UNION ALL SELECT 'P', a.conclusion_id FROM argument a WHERE a.id = ANY(w.fa)
        UNION ALL SELECT 'A', a.id FROM argument a WHERE a.conclusion_id = ANY(w.fp)
        UNION ALL SELECT CASE WHEN c.target_proposition_id IS NULL THEN 'A' ELSE 'P' END,
                         COALESCE(c.target_argument_id, c.target_inference_id, c.target_proposition_id)
                  FROM conflict c WHERE c.attacker_argument_id = ANY(w.fa) OR c.attacker_proposition_id = ANY(w.fp)
        UNION ALL SELECT CASE WHEN c.attacker_proposition_id IS NULL THEN 'A' ELSE 'P' END,
                         COALESCE(c.attacker_argument_id, c.attacker_proposition_id)
                  FROM conflict c
                  WHERE c.target_argument_id = ANY(w.fa) OR c.target_inference_id = ANY(w.fa) OR c.target_proposition_id = ANY(w.fp)
        UNION ALL SELECT 'P', r.to_proposition_id FROM rephrase r WHERE r.from_proposition_id = ANY(w.fp)
        UNION ALL SELECT 'P', r.from_proposition_id FROM rephrase r WHERE r.to_proposition_id = ANY(w.fp)
      ) e
      WHERE NOT (e.k = 'A' AND e.id = ANY(w.va)) AND NOT (e.k = 'P' AND e.id = ANY(w.vp))
      ORDER BY e.k, e.id
      LIMIT ${MAX_NODES} + 1 - cardinality(w.va) - cardinality(w.vp)
    ) s
  ) n
  WHERE w.depth < ${DEPTH}
    AND cardinality(w.va) + cardinality(w.vp) <= ${MAX_NODES}
    AND cardinality(n.na) + cardinality(n.np) > 0
), walked AS (
  SELECT w.depth, 'A' AS k, x.id FROM walk w, unnest(w.fa) AS x(id)
  UNION ALL
  SELECT w.depth, 'P', x.id FROM walk w, unnest(w.fp) AS x(id)
), kept AS MATERIALIZED (
  SELECT * FROM walked ORDER BY depth, k, id LIMIT ${MAX_NODES}
), ids AS (
  SELECT ARRAY(SELECT id FROM kept WHERE k = 'A') AS a, ARRAY(SELECT id FROM kept WHERE k = 'P') AS p
), edges AS (
  SELECT 'PREMISE' AS kind, 'Proposition' AS from_type, ap.proposition_id AS from_id, 'Argument' AS to_type,
         ap.argument_id AS to_id, NULL::conflict_kind AS conflict_kind, NULL::uuid AS conflict_id
  FROM argument_premise ap, ids WHERE ap.argument_id = ANY(ids.a) AND ap.proposition_id = ANY(ids.p)
  UNION ALL
  SELECT 'CONCLUSION', 'Argument', a.id, 'Proposition', a.conclusion_id, NULL, NULL
  FROM argument a, ids WHERE a.id = ANY(ids.a) AND a.conclusion_id = ANY(ids.p)
  UNION ALL
  SELECT 'CONFLICT',
         CASE WHEN c.attacker_argument_id IS NULL THEN 'Proposition' ELSE 'Argument' END,
         COALESCE(c.attacker_argument_id, c.attacker_proposition_id),
         CASE WHEN c.target_proposition_id IS NULL THEN 'Argument' ELSE 'Proposition' END,
         COALESCE(c.target_argument_id, c.target_inference_id, c.target_proposition_id),
         c.kind, c.id
  FROM conflict c, ids
  WHERE (c.attacker_argument_id = ANY(ids.a) OR c.attacker_proposition_id = ANY(ids.p))
    AND (c.target_argument_id = ANY(ids.a) OR c.target_inference_id = ANY(ids.a) OR c.target_proposition_id = ANY(ids.p))
  UNION ALL
  SELECT 'REPHRASE', 'Proposition', r.from_proposition_id, 'Proposition', r.to_proposition_id, NULL, NULL
  FROM rephrase r, ids WHERE r.from_proposition_id = ANY(ids.p) AND r.to_proposition_id = ANY(ids.p)
), args AS MATERIALIZED (
  SELECT a.id, a.conclusion_id FROM argument a WHERE a.id IN (SELECT id FROM kept WHERE k = 'A')
), att AS MATERIALIZED (
  SELECT c.kind, a.id AS attacker, c.target_argument_id, c.target_inference_id, c.target_proposition_id
  FROM args a JOIN conflict c ON c.attacker_argument_id = a.id
  UNION ALL
  SELECT c.kind, a.id, c.target_argument_id, c.target_inference_id, c.target_proposition_id
  FROM args a JOIN conflict c ON c.attacker_proposition_id = a.conclusion_id
), on_propositions AS MATERIALIZED (
  -- Filtered first: joined to CTEs of unknown size, the planner would loop over every pair.
  SELECT * FROM att WHERE target_proposition_id IS NOT NULL
), attacks AS MATERIALIZED (
  SELECT DISTINCT x.attacker, x.target FROM (
    SELECT attacker, target_argument_id AS target FROM att WHERE target_argument_id IN (SELECT id FROM args)
    UNION ALL
    SELECT attacker, target_inference_id FROM att WHERE target_inference_id IN (SELECT id FROM args)
    UNION ALL
    SELECT o.attacker, b.id FROM on_propositions o JOIN args b ON b.conclusion_id = o.target_proposition_id WHERE o.kind = 'REBUT'
    UNION ALL
    SELECT o.attacker, ap.argument_id FROM on_propositions o JOIN argument_premise ap ON ap.proposition_id = o.target_proposition_id
    WHERE o.kind = 'UNDERMINE' AND ap.argument_id IN (SELECT id FROM args)
  ) x
), grounded(i, ins, outs, grew) AS (
  SELECT 0, '{}'::uuid[], '{}'::uuid[], true
  UNION ALL
  SELECT g.i + 1, n.ins, n.outs, cardinality(n.ins) + cardinality(n.outs) > cardinality(g.ins) + cardinality(g.outs)
  FROM grounded g
  CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT a.id FROM args a
                 WHERE a.id NOT IN (SELECT x.target FROM attacks x WHERE x.attacker NOT IN (SELECT unnest(g.outs)))) AS ins,
           ARRAY(SELECT DISTINCT x.target FROM attacks x WHERE x.attacker IN (SELECT unnest(g.ins))) AS outs
  ) n
  WHERE g.grew
), labels AS (
  SELECT a.id, CASE WHEN a.id = ANY(g.ins) THEN 'IN' WHEN a.id = ANY(g.outs) THEN 'OUT' ELSE 'UNDECIDED' END AS label
  FROM args a, (SELECT ins, outs FROM grounded ORDER BY i DESC LIMIT 1) g
), nodes AS (
  SELECT k.depth, k.k, COALESCE(a.slug, p.slug) AS slug, l.label,
         json_build_object(
           'id', CASE WHEN k.k = 'A' THEN ${gid("Argument", "k.id")} ELSE ${gid("Proposition", "k.id")} END,
           'kind', CASE WHEN k.k = 'A' THEN 'ARGUMENT' ELSE 'PROPOSITION' END,
           'depth', k.depth, 'label', l.label,
           'argument', CASE WHEN k.k = 'A' THEN json_build_object('slug', a.slug) END,
           'proposition', CASE WHEN k.k = 'P' THEN json_build_object('slug', p.slug) END) AS obj
  FROM kept k
  LEFT JOIN argument a ON k.k = 'A' AND a.id = k.id
  LEFT JOIN proposition p ON k.k = 'P' AND p.id = k.id
  LEFT JOIN labels l ON l.id = k.id
), edge_rows AS (
  SELECT e.kind, ${base64url("e.from_type || ':' || e.from_id::text")} AS "from",
         ${base64url("e.to_type || ':' || e.to_id::text")} AS "to",
         e.conflict_kind, e.conflict_id
  FROM edges e
)
SELECT json_build_object('data', json_build_object('argumentGraph', json_build_object(
  'nodeCount', (SELECT count(*) FROM kept),
  'edgeCount', (SELECT count(*) FROM edges),
  'truncated', (SELECT count(*) > ${MAX_NODES} FROM walked),
  'nodes', (SELECT coalesce(json_agg(obj ORDER BY depth, k, slug COLLATE "C"), '[]') FROM nodes),
  'edges', (SELECT coalesce(json_agg(json_build_object('kind', kind, 'from', "from", 'to', "to", 'conflictKind', conflict_kind)
                   ORDER BY kind COLLATE "C", "from" COLLATE "C", "to" COLLATE "C", coalesce(conflict_id::text, '') COLLATE "C"), '[]')
            FROM edge_rows),
  'grounded', (SELECT coalesce(json_agg(json_build_object('argument', json_build_object('slug', slug), 'label', label)
                      ORDER BY depth, slug COLLATE "C"), '[]')
               FROM nodes WHERE k = 'A')
)))::text AS body`,
  params: (f, n) => [f.arguments[n % Math.min(5, f.arguments.length)]],
};
