/**
 * Q3: deep nesting — 20 stakeholders → 10 positions each → proposition and
 * (at most 5) event links → each event's 5 latest positions → their
 * stakeholder. (A generated position has two event links.)
 */
import { BenchQuery } from "../lib/types";

const selection = (stakeholders: number, positions: number, links: number, eventPositions: number) => `stakeholders(first: ${stakeholders}, filter: { text: "gen-sh-" }) {
    nodes {
      slug
      positions(first: ${positions}) {
        stance statedOn
        proposition { slug }
        events(first: ${links}) {
          relation
          event {
            slug
            positions(first: ${eventPositions}) { stance stakeholder { slug } }
          }
        }
      }
    }
  }`;

export const q3: BenchQuery = {
  name: "Q3",
  title: "20 stakeholders → 10 positions → events → 5 positions → stakeholder",
  requires: ["Query.stakeholders"],
  graphql: `query Q3 {
  ${selection(20, 10, 5, 5)}
}`,
  smallGraphql: `query Q3small {
  ${selection(2, 2, 2, 2)}
}`,
  variables: () => ({}),
  // Mirrors the loaders: stakeholders by slug (listStakeholders' text filter),
  // positions newest first, links oldest first (created_at, id), an event's
  // positions newest first counting a position linked twice once. Like the
  // loaders, each event's latest positions are looked up once however many
  // links lead to it.
  sql: `
WITH sh AS MATERIALIZED (
  SELECT id, slug FROM stakeholder
  WHERE name ILIKE $1 OR slug ILIKE $1 OR array_to_string(aliases, ' ') ILIKE $1
  ORDER BY slug LIMIT 20
), pos AS MATERIALIZED (
  SELECT p.* FROM sh
  CROSS JOIN LATERAL (SELECT * FROM position WHERE stakeholder_id = sh.id ORDER BY stated_on DESC, id DESC LIMIT 10) p
), links AS MATERIALIZED (
  SELECT l.* FROM pos
  CROSS JOIN LATERAL (SELECT * FROM position_event WHERE position_id = pos.id ORDER BY created_at, id LIMIT 5) l
), ev_pos AS (
  -- Each event's 5 latest positions from the (event_id, position_stated_on, position_id) index.
  SELECT e.event_id, (
    SELECT json_agg(json_build_object('stance', q.stance, 'stakeholder', json_build_object('slug', s.slug))
                    ORDER BY x.position_stated_on DESC, x.position_id DESC)
    FROM (SELECT DISTINCT ON (position_stated_on, position_id) position_stated_on, position_id FROM position_event
          WHERE event_id = e.event_id ORDER BY position_stated_on DESC, position_id DESC LIMIT 5) x
    JOIN position q ON q.id = x.position_id
    JOIN stakeholder s ON s.id = q.stakeholder_id
  ) AS positions
  FROM (SELECT DISTINCT event_id FROM links) e
), pos_events AS (
  SELECT l.position_id, json_agg(json_build_object(
           'relation', l.relation,
           'event', json_build_object('slug', e.slug, 'positions', coalesce(ep.positions, '[]'))) ORDER BY l.created_at, l.id) AS events
  FROM links l JOIN event e ON e.id = l.event_id LEFT JOIN ev_pos ep ON ep.event_id = l.event_id
  GROUP BY l.position_id
), sh_positions AS (
  SELECT p.stakeholder_id, json_agg(json_build_object(
           'stance', p.stance, 'statedOn', p.stated_on,
           'proposition', json_build_object('slug', pr.slug),
           'events', coalesce(pe.events, '[]')) ORDER BY p.stated_on DESC, p.id DESC) AS positions
  FROM pos p JOIN proposition pr ON pr.id = p.proposition_id LEFT JOIN pos_events pe ON pe.position_id = p.id
  GROUP BY p.stakeholder_id
)
SELECT json_build_object('data', json_build_object('stakeholders', json_build_object('nodes', coalesce((
  SELECT json_agg(json_build_object('slug', sh.slug, 'positions', coalesce(sp.positions, '[]')) ORDER BY sh.slug)
  FROM sh LEFT JOIN sh_positions sp ON sp.stakeholder_id = sh.id), '[]'))))::text AS body`,
  params: () => ["%gen-sh-%"],
};
