import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Full-text search and the index behind the stance analyses.
 *
 * Search: one `search_document` row (kind, id, tsvector) per searchable
 * record, kept in step by statement-level triggers on the five source tables,
 * with one GIN index over all of them. The vector combines the `english`,
 * `french` and `simple` configurations (quotes are often French; `simple`
 * keeps names and document symbols such as `S/RES/2690` as they are), with
 * titles and names weighted A and descriptions and notes weighted B.
 *
 * Why a side table rather than a generated column or an expression index:
 * ranking (`ts_rank_cd`) needs the vector of every matching row. An expression
 * index stores no vector, so a frequent word would recompute three
 * `to_tsvector` per match (measured on PGlite: 16.6 s for 50k quotes against
 * 0.3 s from a stored vector). A stored generated column on `position` would
 * make every `SELECT *` of positions, in every module, carry a vector about
 * three times the size of the quote. The side table stores the vector once and
 * leaves the source rows as they are.
 *
 * When a later migration renames or adds a searched column, it must recreate
 * the sync function of that table (and backfill).
 *
 * The `french` configuration ships with every standard Postgres build (and
 * with PGlite); where it is missing, French falls back to `simple` (exact
 * words, no stemming) in the functions below, decided once here.
 */
export class Search1764600000000 implements MigrationInterface {
  name = "Search1764600000000";

  async up(q: QueryRunner): Promise<void> {
    const [{ found }] = await q.query(`SELECT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french') AS found`);
    const fr = found ? "french" : "simple";
    const configs = (text: string) =>
      `to_tsvector('english'::regconfig, ${text}) || to_tsvector('${fr}'::regconfig, ${text}) || to_tsvector('simple'::regconfig, ${text})`;

    // The latest position of each stakeholder on each proposition (alignment,
    // stance summaries, ballots against words, stance history) is a DISTINCT ON
    // in exactly this order; with the stance included it is an index-only scan
    // instead of a sort of every position in the window.
    await q.query(`
      CREATE INDEX position_latest_idx ON position
        (proposition_id, stakeholder_id, stated_on DESC, created_at DESC, id DESC) INCLUDE (stance);
    `);

    await q.query(`
      CREATE FUNCTION search_vector(strong text[], weak text[]) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT setweight(${configs("s")}, 'A') || setweight(${configs("w")}, 'B')
          FROM (SELECT coalesce(array_to_string(strong, ' '), '') AS s,
                       coalesce(array_to_string(weak, ' '), '') AS w) t
        $$;

      -- Stemmed forms from the chosen configurations, OR'ed, plus the exact
      -- words (simple) always.
      CREATE FUNCTION search_query(q text, english boolean, french boolean) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT CASE WHEN english THEN websearch_to_tsquery('english'::regconfig, q) ELSE ''::tsquery END
              || CASE WHEN french THEN websearch_to_tsquery('${fr}'::regconfig, q) ELSE ''::tsquery END
              || websearch_to_tsquery('simple'::regconfig, q)
        $$;

      -- ts_headline parses the document with one configuration; try them in
      -- order (French first for French text) and keep the first that marks a
      -- match, so a French stem hit is highlighted in a French quote.
      CREATE FUNCTION search_headline(doc text, query tsquery, options text, start_sel text, french_first boolean)
        RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT h FROM (
            SELECT ts_headline(c.cfg, doc, query, options) AS h, c.i
            FROM unnest(CASE WHEN french_first THEN ARRAY['${fr}', 'english', 'simple']
                             ELSE ARRAY['english', '${fr}', 'simple'] END::regconfig[]) WITH ORDINALITY AS c(cfg, i)
          ) x
          ORDER BY strpos(h, start_sel) > 0 DESC, i
          LIMIT 1
        $$;

      CREATE TABLE search_document (
        kind text NOT NULL CHECK (kind IN ('STAKEHOLDER','PROPOSITION','POSITION','EVENT','SOURCE')),
        id uuid NOT NULL,
        document tsvector NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE INDEX search_document_idx ON search_document USING gin (document);
    `);

    for (const doc of DOCUMENTS) {
      const vector = (r: string) => `search_vector(${doc.strong(r)}, ${doc.weak(r)})`;
      const changed = `ROW(${doc.columns.map((c) => `o.${c}`).join(", ")}) IS DISTINCT FROM ROW(${doc.columns
        .map((c) => `n.${c}`)
        .join(", ")})`;
      const fn = `search_document_sync_${doc.table}`;
      // Statement-level triggers with transition tables: a bulk INSERT … SELECT
      // (seed loader, generator) indexes its rows in one statement, not one per row.
      await q.query(`
        CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO search_document (kind, id, document)
              SELECT '${doc.kind}', d.id, d.document
              FROM (SELECT n.id, ${vector("n")} AS document FROM new_rows n) d
              WHERE d.document <> ''::tsvector;
          ELSIF TG_OP = 'UPDATE' THEN
            -- Only rows whose searched text changed (not every version bump).
            DELETE FROM search_document s USING old_rows o JOIN new_rows n ON n.id = o.id
              WHERE s.kind = '${doc.kind}' AND s.id = n.id AND ${changed};
            INSERT INTO search_document (kind, id, document)
              SELECT '${doc.kind}', d.id, d.document
              FROM (SELECT n.id, ${vector("n")} AS document
                    FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}) d
              WHERE d.document <> ''::tsvector;
          ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM search_document s USING old_rows o WHERE s.kind = '${doc.kind}' AND s.id = o.id;
          ELSE
            DELETE FROM search_document WHERE kind = '${doc.kind}';
          END IF;
          RETURN NULL;
        END $$;

        CREATE TRIGGER ${fn}_insert AFTER INSERT ON ${doc.table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
        CREATE TRIGGER ${fn}_update AFTER UPDATE ON ${doc.table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
        CREATE TRIGGER ${fn}_delete AFTER DELETE ON ${doc.table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
        CREATE TRIGGER ${fn}_truncate AFTER TRUNCATE ON ${doc.table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();

        INSERT INTO search_document (kind, id, document)
          SELECT '${doc.kind}', d.id, d.document
          FROM (SELECT n.id, ${vector("n")} AS document FROM ${doc.table} n) d
          WHERE d.document <> ''::tsvector;
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const doc of DOCUMENTS) {
      const fn = `search_document_sync_${doc.table}`;
      await q.query(`
        DROP TRIGGER IF EXISTS ${fn}_insert ON ${doc.table};
        DROP TRIGGER IF EXISTS ${fn}_update ON ${doc.table};
        DROP TRIGGER IF EXISTS ${fn}_delete ON ${doc.table};
        DROP TRIGGER IF EXISTS ${fn}_truncate ON ${doc.table};
        DROP FUNCTION IF EXISTS ${fn}();
      `);
    }
    await q.query(`
      DROP TABLE IF EXISTS search_document;
      DROP FUNCTION IF EXISTS search_headline(text, tsquery, text, text, boolean);
      DROP FUNCTION IF EXISTS search_query(text, boolean, boolean);
      DROP FUNCTION IF EXISTS search_vector(text[], text[]);
      DROP INDEX IF EXISTS position_latest_idx;
    `);
  }
}

/** What each searchable table contributes: strong (weight A) and weak (weight B) text. */
const DOCUMENTS: Array<{
  kind: string;
  table: string;
  /** Columns whose change re-indexes a row. */
  columns: string[];
  strong: (r: string) => string;
  weak: (r: string) => string;
}> = [
  {
    kind: "STAKEHOLDER",
    table: "stakeholder",
    columns: ["name", "aliases", "description"],
    strong: (r) => `ARRAY[${r}.name] || ${r}.aliases`,
    weak: (r) => `ARRAY[${r}.description]`,
  },
  {
    kind: "PROPOSITION",
    table: "proposition",
    columns: ["text", "tags"],
    strong: (r) => `ARRAY[${r}.text]`,
    weak: (r) => `${r}.tags`,
  },
  {
    kind: "POSITION",
    table: "position",
    columns: ["quote", "note"],
    strong: (r) => `ARRAY[${r}.quote]`,
    weak: (r) => `ARRAY[${r}.note]`,
  },
  {
    kind: "EVENT",
    table: "event",
    columns: ["title", "description", "document_symbol", "location_name"],
    strong: (r) => `ARRAY[${r}.title]`,
    weak: (r) => `ARRAY[${r}.description, ${r}.document_symbol, ${r}.location_name]`,
  },
  {
    kind: "SOURCE",
    table: "source",
    columns: ["title", "document_symbol", "publisher", "author"],
    strong: (r) => `ARRAY[${r}.title, ${r}.document_symbol]`,
    weak: (r) => `ARRAY[${r}.publisher, ${r}.author]`,
  },
];
