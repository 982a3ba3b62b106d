import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The argument graph (AIF): arguments (RA nodes) from premises to a conclusion,
 * conflicts (CA nodes) between arguments and propositions, and rephrases (MA).
 */
export class Arguments1764400000000 implements MigrationInterface {
  name = "Arguments1764400000000";

  async up(q: QueryRunner): Promise<void> {
    const audit = `
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES api_key(id) ON DELETE SET NULL,
        updated_by uuid REFERENCES api_key(id) ON DELETE SET NULL`;
    await q.query(`
      CREATE TYPE conflict_kind AS ENUM ('REBUT','UNDERMINE','UNDERCUT');

      CREATE TABLE argument (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        author_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE RESTRICT,
        conclusion_id uuid NOT NULL REFERENCES proposition(id) ON DELETE RESTRICT,
        scheme text CHECK (scheme ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        quote text,
        quote_language text CHECK (quote_language ~ '^[a-z]{2,3}$'),
        speaker_id uuid REFERENCES stakeholder(id) ON DELETE RESTRICT,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        locator text,
        stated_on date,
        date_precision date_precision NOT NULL DEFAULT 'DAY',
        note text,
        ${audit},
        CHECK (quote IS NULL OR quote_language IS NOT NULL)
      );
      CREATE INDEX argument_conclusion_idx ON argument (conclusion_id);
      CREATE INDEX argument_author_idx ON argument (author_id, stated_on);
      CREATE INDEX argument_source_idx ON argument (source_id);
      CREATE INDEX argument_speaker_idx ON argument (speaker_id);

      CREATE TABLE argument_premise (
        argument_id uuid NOT NULL REFERENCES argument(id) ON DELETE CASCADE,
        proposition_id uuid NOT NULL REFERENCES proposition(id) ON DELETE RESTRICT,
        ordinal integer NOT NULL CHECK (ordinal >= 0),
        PRIMARY KEY (argument_id, proposition_id)
      );
      CREATE INDEX argument_premise_proposition_idx ON argument_premise (proposition_id);

      CREATE TABLE conflict (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        kind conflict_kind NOT NULL,
        attacker_argument_id uuid REFERENCES argument(id) ON DELETE CASCADE,
        attacker_proposition_id uuid REFERENCES proposition(id) ON DELETE RESTRICT,
        target_argument_id uuid REFERENCES argument(id) ON DELETE CASCADE,
        target_proposition_id uuid REFERENCES proposition(id) ON DELETE RESTRICT,
        -- UNDERCUT attacks the inference of this argument, not its conclusion.
        target_inference_id uuid REFERENCES argument(id) ON DELETE CASCADE,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        note text,
        ${audit},
        CHECK (num_nonnulls(attacker_argument_id, attacker_proposition_id) = 1),
        CHECK (num_nonnulls(target_argument_id, target_proposition_id, target_inference_id) = 1),
        CHECK ((kind = 'UNDERCUT') = (target_inference_id IS NOT NULL)),
        CHECK (attacker_argument_id IS NULL OR attacker_argument_id IS DISTINCT FROM COALESCE(target_argument_id, target_inference_id)),
        CHECK (attacker_proposition_id IS NULL OR attacker_proposition_id IS DISTINCT FROM target_proposition_id)
      );
      CREATE INDEX conflict_attacker_argument_idx ON conflict (attacker_argument_id);
      CREATE INDEX conflict_attacker_proposition_idx ON conflict (attacker_proposition_id);
      CREATE INDEX conflict_target_argument_idx ON conflict (target_argument_id);
      CREATE INDEX conflict_target_proposition_idx ON conflict (target_proposition_id);
      CREATE INDEX conflict_target_inference_idx ON conflict (target_inference_id);

      CREATE TABLE rephrase (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        from_proposition_id uuid NOT NULL REFERENCES proposition(id) ON DELETE CASCADE,
        to_proposition_id uuid NOT NULL REFERENCES proposition(id) ON DELETE CASCADE,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        note text,
        ${audit},
        CHECK (from_proposition_id <> to_proposition_id),
        UNIQUE (from_proposition_id, to_proposition_id)
      );
      CREATE INDEX rephrase_to_idx ON rephrase (to_proposition_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rephrase, conflict, argument_premise, argument; DROP TYPE IF EXISTS conflict_kind;`);
  }
}
