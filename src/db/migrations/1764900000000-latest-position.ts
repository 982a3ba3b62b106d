import { MigrationInterface, QueryRunner } from "typeorm";

/** Fills latest_position with the latest of the positions `p` in `from` (the order of LATEST_FIRST). */
const fill = (from: string) => `INSERT INTO latest_position (stakeholder_id, proposition_id, position_id, stance, stated_on)
        SELECT DISTINCT ON (p.stakeholder_id, p.proposition_id)
               p.stakeholder_id, p.proposition_id, p.id, p.stance, p.stated_on
        FROM ${from}
        ORDER BY p.stakeholder_id, p.proposition_id, p.stated_on DESC, p.created_at DESC, p.id DESC`;

/**
 * Each stakeholder's latest position per proposition, kept on write.
 *
 * The alignment network starts from "each stakeholder's latest position per
 * proposition in the window". Over a window without an end (all time, or
 * since a date) that is the latest position overall, if it falls inside the
 * window: the same rows for every such request. Computing them each time cost
 * a DISTINCT ON over every position and a count over its result: on the L
 * benchmark data (2 M positions, 1.9 M latest) 1.5 s of every all-time
 * network, before any pairing. Kept here, the rows are read, not derived, and
 * read only for the stakeholders a request pairs (by the primary key).
 *
 * Statement-level triggers with transition tables recompute the latest row of
 * each (stakeholder, proposition) a statement touched, from `position` itself:
 * one rule for insert, update and delete, and a bulk INSERT … SELECT (seed
 * loader, generator) costs one recomputation, not one per row. Writers of one
 * stakeholder's positions take turns (a row lock on the stakeholder), so two
 * concurrent transactions cannot both write a stale latest row.
 */
export class LatestPosition1764900000000 implements MigrationInterface {
  name = "LatestPosition1764900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE latest_position (
        stakeholder_id uuid NOT NULL,
        proposition_id uuid NOT NULL,
        position_id uuid NOT NULL,
        stance stance NOT NULL,
        stated_on date NOT NULL,
        PRIMARY KEY (stakeholder_id, proposition_id)
      );
      -- Windows with a start and no end ("since …").
      CREATE INDEX latest_position_stated_on_idx ON latest_position (stated_on);

      -- The latest of each (stakeholder, proposition) in keys, replacing what
      -- latest_position held for them (nothing if they have no position left).
      CREATE FUNCTION latest_position_recompute(stakeholders uuid[], propositions uuid[]) RETURNS void
        LANGUAGE plpgsql AS $$
      BEGIN
        -- Row locks: no lock-table entries, however many stakeholders a bulk
        -- statement touches; FOR NO KEY UPDATE leaves foreign-key checks alone.
        PERFORM 1 FROM stakeholder WHERE id = ANY(stakeholders) ORDER BY id FOR NO KEY UPDATE;
        -- Each statement below sees what the transactions waited for committed.
        DELETE FROM latest_position l
          USING unnest(stakeholders, propositions) AS k(stakeholder_id, proposition_id)
          WHERE l.stakeholder_id = k.stakeholder_id AND l.proposition_id = k.proposition_id;
        ${fill(`unnest(stakeholders, propositions) AS k(stakeholder_id, proposition_id)
          JOIN position p ON p.stakeholder_id = k.stakeholder_id AND p.proposition_id = k.proposition_id`)};
      END $$;

      CREATE FUNCTION latest_position_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        s uuid[];
        p uuid[];
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          TRUNCATE latest_position;
          RETURN NULL;
        ELSIF TG_OP = 'INSERT' THEN
          SELECT array_agg(k.stakeholder_id), array_agg(k.proposition_id) INTO s, p
            FROM (SELECT DISTINCT stakeholder_id, proposition_id FROM new_rows) k;
        ELSIF TG_OP = 'UPDATE' THEN
          -- Only positions whose say in "latest" changed (not every edit of a
          -- quote); both keys of one moved to another stakeholder or proposition.
          SELECT array_agg(k.stakeholder_id), array_agg(k.proposition_id) INTO s, p
            FROM (SELECT x.stakeholder_id, x.proposition_id
                  FROM old_rows o JOIN new_rows n ON n.id = o.id
                  CROSS JOIN LATERAL (VALUES (o.stakeholder_id, o.proposition_id), (n.stakeholder_id, n.proposition_id))
                    AS x(stakeholder_id, proposition_id)
                  WHERE (o.stakeholder_id, o.proposition_id, o.stance, o.stated_on, o.created_at)
                        IS DISTINCT FROM (n.stakeholder_id, n.proposition_id, n.stance, n.stated_on, n.created_at)
                  GROUP BY 1, 2) k;
        ELSE
          SELECT array_agg(k.stakeholder_id), array_agg(k.proposition_id) INTO s, p
            FROM (SELECT DISTINCT stakeholder_id, proposition_id FROM old_rows) k;
        END IF;
        IF s IS NOT NULL THEN
          PERFORM latest_position_recompute(s, p);
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER latest_position_sync_insert AFTER INSERT ON position
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION latest_position_sync();
      CREATE TRIGGER latest_position_sync_update AFTER UPDATE ON position
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION latest_position_sync();
      CREATE TRIGGER latest_position_sync_delete AFTER DELETE ON position
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION latest_position_sync();
      CREATE TRIGGER latest_position_sync_truncate AFTER TRUNCATE ON position
        FOR EACH STATEMENT EXECUTE FUNCTION latest_position_sync();

      ${fill("position p")};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER IF EXISTS latest_position_sync_insert ON position;
      DROP TRIGGER IF EXISTS latest_position_sync_update ON position;
      DROP TRIGGER IF EXISTS latest_position_sync_delete ON position;
      DROP TRIGGER IF EXISTS latest_position_sync_truncate ON position;
      DROP FUNCTION IF EXISTS latest_position_sync();
      DROP FUNCTION IF EXISTS latest_position_recompute(uuid[], uuid[]);
      DROP TABLE IF EXISTS latest_position;
    `);
  }
}
