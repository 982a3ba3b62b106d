/** Q1: one stakeholder by slug with its 5 latest positions — the fixed cost of a request. */
import { gid } from "../lib/sql-json";
import { BenchQuery } from "../lib/types";

export const q1: BenchQuery = {
  name: "Q1",
  title: "stakeholder by slug + 5 latest positions",
  requires: ["Query.stakeholder"],
  graphql: `query Q1($slug: String!) {
  stakeholder(slug: $slug) {
    id slug name kind countryCode
    positions(first: 5) { id stance statedOn quote confidence }
  }
}`,
  // The 50 most linked stakeholders in turn: the latest 5 come from an index either way.
  variables: (f, n) => ({ slug: f.stakeholders[n % f.stakeholders.length] }),
  sql: `
SELECT json_build_object('data', json_build_object('stakeholder', (
  SELECT json_build_object(
    'id', ${gid("Stakeholder", "s.id")}, 'slug', s.slug, 'name', s.name, 'kind', s.kind, 'countryCode', s.country_code,
    'positions', (
      SELECT coalesce(json_agg(json_build_object(
        'id', ${gid("Position", "p.id")}, 'stance', p.stance, 'statedOn', p.stated_on, 'quote', p.quote,
        'confidence', p.confidence) ORDER BY p.stated_on DESC, p.id DESC), '[]')
      FROM (SELECT * FROM position WHERE stakeholder_id = s.id ORDER BY stated_on DESC, id DESC LIMIT 5) p))
  FROM stakeholder s WHERE s.slug = $1)))::text AS body`,
  params: (f, n) => [f.stakeholders[n % f.stakeholders.length]],
};
