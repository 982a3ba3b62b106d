/**
 * Q2: pages of 50 positions with their stakeholder and proposition, walked
 * with cursors: each request of a walker continues from its previous
 * endCursor, and starts again at the top after the last page.
 */
import { dateIdCursor, decodeCursor, gid } from "../lib/sql-json";
import { BenchQuery } from "../lib/types";

interface Walk {
  after: string | null;
}

const selection = (first: number) => `positions(first: ${first}, after: $after) {
    edges {
      cursor
      node {
        id stance statedOn quote confidence
        stakeholder { slug name }
        proposition { slug text }
      }
    }
    pageInfo { endCursor hasNextPage }
  }`;

interface Page {
  positions: { pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export const q2: BenchQuery<Walk> = {
  name: "Q2",
  title: "page of 50 positions (+ stakeholder, proposition), cursor walk",
  requires: ["Query.positions"],
  graphql: `query Q2($after: String) {
  ${selection(50)}
}`,
  smallGraphql: `query Q2small($after: String) {
  ${selection(5)}
}`,
  initialState: () => ({ after: null }),
  variables: (_f, _n, walk) => ({ after: walk.after }),
  advanceGraphql: (data, walk) => {
    const info = (data as Page).positions.pageInfo;
    walk.after = info.hasNextPage ? info.endCursor : null;
  },
  // The same keyset page as paginate() in src/common/connection.ts: 51 rows
  // tell whether there is a next page; 50 are shown.
  sql: `
WITH page AS (
  SELECT p.* FROM position p
  WHERE $1::date IS NULL OR (p.stated_on, p.id) < ($1::date, $2::uuid)
  ORDER BY p.stated_on DESC, p.id DESC LIMIT 51
), shown AS (
  SELECT * FROM page ORDER BY stated_on DESC, id DESC LIMIT 50
), last AS (
  SELECT ${dateIdCursor("stated_on", "id")} AS cursor FROM shown ORDER BY stated_on, id LIMIT 1
)
SELECT json_build_object('data', json_build_object('positions', json_build_object(
  'edges', (
    SELECT coalesce(json_agg(json_build_object(
      'cursor', ${dateIdCursor("p.stated_on", "p.id")},
      'node', json_build_object(
        'id', ${gid("Position", "p.id")}, 'stance', p.stance, 'statedOn', p.stated_on, 'quote', p.quote,
        'confidence', p.confidence,
        'stakeholder', json_build_object('slug', s.slug, 'name', s.name),
        'proposition', json_build_object('slug', pr.slug, 'text', pr.text)))
      ORDER BY p.stated_on DESC, p.id DESC), '[]')
    FROM shown p JOIN stakeholder s ON s.id = p.stakeholder_id JOIN proposition pr ON pr.id = p.proposition_id),
  'pageInfo', json_build_object('endCursor', (SELECT cursor FROM last), 'hasNextPage', (SELECT count(*) > 50 FROM page))
)))::text AS body,
(SELECT cursor FROM last) AS end_cursor,
(SELECT count(*) > 50 FROM page) AS has_next`,
  params: (_f, _n, walk) => {
    if (!walk.after) return [null, null];
    const [statedOn, id] = decodeCursor(walk.after);
    return [statedOn, id];
  },
  advanceSql: (row, walk) => {
    walk.after = row.has_next ? (row.end_cursor as string) : null;
  },
};
