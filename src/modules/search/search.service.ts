/**
 * Full-text search over stakeholders, propositions, position quotes, events
 * and sources, in English and French at once, in one statement: the GIN index
 * of `search_document` finds and ranks the hits, and only the page's rows are
 * read back and highlighted. The text-search configurations live in the SQL
 * functions of the search migration (search_query, search_headline).
 */
import { pageSize } from "../../common/connection";
import { Params, queryObjects } from "../../common/sql";
import { Context } from "../../server/context";
import { eventById } from "../event/event.loaders";
import { positionById } from "../position/position.loaders";
import { propositionById } from "../proposition/proposition.loaders";
import { sourceById } from "../source/source.loaders";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { ArgValidator, jsonRow } from "../analysis/analysis.rules";
import { MAX_SEARCH_TEXT, SearchArgs, SearchHit, SearchLanguage, SearchType, TYPE_NAMES } from "./search.types";

/** ts_headline markers the text cannot contain; swapped for the client's after escaping. */
const START = "\u0002";
const STOP = "\u0003";
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=2`;
/** Short texts are shown whole: a fragment would start at the first match and drop the words before it. */
const SHORT_TEXT = 300;
const SHORT_HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
/** ts_rank_cd normalization: divide by 1 + log(length), then map to 0–1 (rank / (rank + 1)). */
const RANK_NORMALIZATION = 1 | 32;

/** The row, the text to highlight, and whether it is French, for each kind of hit. */
const DOCUMENT_ROWS = `
  SELECT to_jsonb(s) AS row,
         concat_ws(' · ', s.name, nullif(array_to_string(s.aliases, ', '), ''), s.description) AS doc,
         false AS french
  FROM stakeholder s WHERE h.kind = 'STAKEHOLDER' AND s.id = h.id
  UNION ALL
  SELECT to_jsonb(p), concat_ws(' · ', p.text, nullif(array_to_string(p.tags, ', '), '')), false
  FROM proposition p WHERE h.kind = 'PROPOSITION' AND p.id = h.id
  UNION ALL
  SELECT to_jsonb(p), concat_ws(' · ', p.quote, p.note), coalesce(p.quote_language = 'fr', false)
  FROM position p WHERE h.kind = 'POSITION' AND p.id = h.id
  UNION ALL
  SELECT to_jsonb(e), concat_ws(' · ', e.title, e.description, e.document_symbol, e.location_name), false
  FROM event e WHERE h.kind = 'EVENT' AND e.id = h.id
  UNION ALL
  SELECT to_jsonb(s), concat_ws(' · ', s.title, s.document_symbol, s.publisher, s.author), coalesce(s.language = 'fr', false)
  FROM source s WHERE h.kind = 'SOURCE' AND s.id = h.id`;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Swaps the internal markers for the client's, escaping the text around them when asked. */
export function renderSnippet(headline: string, startSel: string, stopSel: string, escapeHtml: boolean): string {
  const text = escapeHtml ? headline.replace(/[&<>"']/g, (c) => ESCAPES[c]) : headline;
  return text.split(START).join(startSel).split(STOP).join(stopSel);
}

/** The loader that caches rows of each kind, so nested fields of a hit reuse them. */
function prime(ctx: Context, type: SearchType, row: { id: string }): void {
  const loaders = {
    [SearchType.STAKEHOLDER]: stakeholderById,
    [SearchType.PROPOSITION]: propositionById,
    [SearchType.POSITION]: positionById,
    [SearchType.EVENT]: eventById,
    [SearchType.SOURCE]: sourceById,
  };
  (loaders[type](ctx) as { prime(id: string, value: unknown): unknown }).prime(row.id, row);
}

export async function search(ctx: Context, args: SearchArgs): Promise<SearchHit[]> {
  const v = new ArgValidator();
  const text = args.text.trim();
  if (text.length < 1 || text.length > MAX_SEARCH_TEXT) {
    v.fail("text", `must be 1 to ${MAX_SEARCH_TEXT} characters (not counting surrounding spaces)`);
  }
  v.text("startSel", args.startSel, { max: 50 });
  v.text("stopSel", args.stopSel, { max: 50 });
  v.done();
  const first = pageSize(args.first);
  if (first === 0) return [];

  const params = new Params();
  const english = args.language == null || args.language === SearchLanguage.ENGLISH;
  const french = args.language == null || args.language === SearchLanguage.FRENCH;
  const query = `search_query(${params.add(text)}, ${params.add(english)}, ${params.add(french)})`;
  const types = args.types?.length ? [...new Set(args.types)] : null;
  const typeFilter = types ? `AND d.kind = ANY(${params.add(types)}::text[])` : "";
  const rows: Array<{ kind: SearchType; score: number; row: Record<string, unknown>; snippet: string }> =
    await queryObjects(ctx.manager, 
      `WITH hits AS (
         SELECT d.kind, d.id, ts_rank_cd(d.document, ${query}, ${RANK_NORMALIZATION}) AS score
         FROM search_document d
         WHERE d.document @@ ${query} ${typeFilter}
         ORDER BY score DESC, d.kind, d.id
         LIMIT ${params.add(first)}
       )
       SELECT h.kind, h.score::float8 AS score, x.row,
              search_headline(x.doc, ${query},
                CASE WHEN length(x.doc) <= ${SHORT_TEXT} THEN ${params.add(SHORT_HEADLINE_OPTIONS)}
                     ELSE ${params.add(HEADLINE_OPTIONS)} END,
                ${params.add(START)}, x.french) AS snippet
       FROM hits h
       CROSS JOIN LATERAL (${DOCUMENT_ROWS}) x
       ORDER BY h.score DESC, h.kind, h.id`,
      params.values,
    );

  return rows.map((r) => {
    const row = jsonRow<{ id: string }>(r.row);
    prime(ctx, r.kind, row);
    // The union tells the types apart by this tag; the cached row stays untagged.
    const node = Object.defineProperty({ ...row }, "__typename", { value: TYPE_NAMES[r.kind], enumerable: false });
    return {
      type: r.kind,
      score: r.score,
      snippet: renderSnippet(r.snippet ?? "", args.startSel, args.stopSel, args.escapeHtml),
      node: node as SearchHit["node"],
    };
  });
}
