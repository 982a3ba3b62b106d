import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The core model: stakeholders, affiliations, propositions, sources, events
 * (participants, fatality claims, relations), positions, position–event links,
 * votes, and the API keys that sign every write.
 *
 * Rules live in the database as well as in the services, so that a script
 * writing SQL directly cannot break them either.
 */
export class CoreModel1764300000000 implements MigrationInterface {
  name = "CoreModel1764300000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TYPE stakeholder_kind AS ENUM ('STATE','GOVERNMENT','INTERGOVERNMENTAL_ORGANIZATION','UN_BODY',
        'PEACE_OPERATION','ARMED_GROUP','PRIVATE_MILITARY_COMPANY','MILITIA','PERSON','CIVIL_SOCIETY','POPULATION',
        'RESEARCH_INSTITUTE','MEDIA','OTHER');
      CREATE TYPE affiliation_kind AS ENUM ('MEMBER_OF','PERMANENT_MEMBER_OF','ELECTED_MEMBER_OF','REPRESENTS','LEADS',
        'PART_OF','ALLIED_WITH','PARTNERS_WITH','SUSPENDED_FROM','WITHDREW_FROM','SANCTIONS','OPPOSES','CONTRIBUTES_TO');
      CREATE TYPE source_kind AS ENUM ('UN_DOCUMENT','MEETING_RECORD','SPEECH','NEWS_ARTICLE','REPORT','SURVEY',
        'ANALYSIS','OFFICIAL_STATEMENT');
      CREATE TYPE date_precision AS ENUM ('DAY','MONTH','YEAR');
      CREATE TYPE stance AS ENUM ('SUPPORT','OPPOSE','NEUTRAL','MIXED');
      CREATE TYPE event_kind AS ENUM ('COUP','REBELLION','MILITARY_OPERATION','ARMED_CLASH','MASSACRE',
        'RESOLUTION_ADOPTED','VOTE','MANDATE_CHANGE','SANCTIONS_IMPOSED','SANCTIONS_BLOCKED','SPEECH','MEETING',
        'AGREEMENT','ALLIANCE_FORMED','BASE_HANDOVER','DEPLOYMENT','WITHDRAWAL','ARREST','PARDON','PROTEST',
        'REPORT_PUBLISHED','SURVEY_PUBLISHED','OTHER');
      CREATE TYPE location_precision AS ENUM ('EXACT','TOWN','REGION','COUNTRY');
      CREATE TYPE participant_role AS ENUM ('PERPETRATOR','TARGET','SPONSOR','VOTER','SPEAKER','HOST','SUBJECT',
        'WITNESS','ORGANIZER','MEDIATOR','OTHER');
      CREATE TYPE event_relation_kind AS ENUM ('CAUSED','PRECEDED','PART_OF');
      CREATE TYPE position_event_relation AS ENUM ('EXPRESSED_AT','RESPONDS_TO','CITES_AS_EVIDENCE','CONDEMNS',
        'ENDORSES','JUSTIFIES_BY','DENIES');
      CREATE TYPE vote_choice AS ENUM ('YES','NO','ABSTAIN','NOT_PRESENT');
      CREATE TYPE api_key_role AS ENUM ('editor','admin');
    `);

    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        role api_key_role NOT NULL,
        key_hash text NOT NULL UNIQUE,
        prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        last_used_at timestamptz
      );
    `);

    // Every content table carries the same audit columns; a NULL author means
    // the row came from the seed loader or a migration, not from an API key.
    const audit = `
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES api_key(id) ON DELETE SET NULL,
        updated_by uuid REFERENCES api_key(id) ON DELETE SET NULL`;
    const slug = `slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100)`;
    const country = (col: string) => `${col} char(3) CHECK (${col} ~ '^[A-Z]{3}$')`;

    await q.query(`
      CREATE TABLE stakeholder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${slug},
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        kind stakeholder_kind NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        ${country("country_code")},
        description text,
        external_ids jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(external_ids) = 'array'),
        ${audit}
      );
      CREATE INDEX stakeholder_kind_idx ON stakeholder (kind);
      CREATE INDEX stakeholder_country_idx ON stakeholder (country_code);
      CREATE INDEX stakeholder_name_idx ON stakeholder (name, id);

      CREATE TABLE source (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${slug},
        kind source_kind NOT NULL,
        title text NOT NULL CHECK (length(title) >= 1),
        publisher text,
        author text,
        published_on date,
        url text CHECK (url ~ '^https?://'),
        document_symbol text,
        language text CHECK (language ~ '^[a-z]{2,3}$'),
        ${audit}
      );
      CREATE INDEX source_document_symbol_idx ON source (document_symbol);
      CREATE INDEX source_published_on_idx ON source (published_on, id);

      CREATE TABLE affiliation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
        object_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE CASCADE,
        kind affiliation_kind NOT NULL,
        role text,
        valid_from date,
        valid_to date,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        note text,
        ${audit},
        CHECK (subject_id <> object_id),
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
      );
      CREATE UNIQUE INDEX affiliation_natural_key ON affiliation
        (subject_id, object_id, kind, COALESCE(valid_from, '-infinity'::date));
      CREATE INDEX affiliation_object_idx ON affiliation (object_id);
      CREATE INDEX affiliation_source_idx ON affiliation (source_id);

      CREATE TABLE proposition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${slug},
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
        tags text[] NOT NULL DEFAULT '{}',
        ${audit}
      );
      CREATE INDEX proposition_tags_idx ON proposition USING gin (tags);

      CREATE TABLE event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ${slug},
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        kind event_kind NOT NULL,
        start_date date NOT NULL,
        end_date date,
        date_precision date_precision NOT NULL DEFAULT 'DAY',
        description text,
        document_symbol text,
        acled_event_type text,
        acled_sub_event_type text,
        cameo_code text CHECK (cameo_code ~ '^[0-9]{2,4}$'),
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        motion_id uuid REFERENCES proposition(id) ON DELETE RESTRICT,
        location_name text,
        location_admin_region text,
        ${country("location_country_code")},
        location_latitude double precision CHECK (location_latitude BETWEEN -90 AND 90),
        location_longitude double precision CHECK (location_longitude BETWEEN -180 AND 180),
        location_precision location_precision,
        ${audit},
        CHECK (end_date IS NULL OR end_date >= start_date),
        CHECK ((location_latitude IS NULL) = (location_longitude IS NULL))
      );
      CREATE INDEX event_start_idx ON event (start_date, id);
      CREATE INDEX event_kind_idx ON event (kind, start_date);
      CREATE INDEX event_country_idx ON event (location_country_code);
      CREATE INDEX event_source_idx ON event (source_id);
      CREATE INDEX event_motion_idx ON event (motion_id);

      CREATE TABLE event_participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        stakeholder_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE RESTRICT,
        role participant_role NOT NULL,
        note text,
        ${audit},
        UNIQUE (event_id, stakeholder_id, role)
      );
      CREATE INDEX event_participant_stakeholder_idx ON event_participant (stakeholder_id, role);

      CREATE TABLE fatality_claim (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        claimant_id uuid REFERENCES stakeholder(id) ON DELETE RESTRICT,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        low integer CHECK (low >= 0),
        best integer CHECK (best >= 0),
        high integer CHECK (high >= 0),
        note text,
        ${audit},
        CHECK (low IS NOT NULL OR best IS NOT NULL OR high IS NOT NULL),
        CHECK (low IS NULL OR best IS NULL OR low <= best),
        CHECK (best IS NULL OR high IS NULL OR best <= high),
        CHECK (low IS NULL OR high IS NULL OR low <= high)
      );
      CREATE INDEX fatality_claim_event_idx ON fatality_claim (event_id);
      CREATE INDEX fatality_claim_claimant_idx ON fatality_claim (claimant_id);
      CREATE INDEX fatality_claim_source_idx ON fatality_claim (source_id);

      CREATE TABLE event_relation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        from_event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        to_event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        relation event_relation_kind NOT NULL,
        ${audit},
        CHECK (from_event_id <> to_event_id),
        UNIQUE (from_event_id, to_event_id, relation)
      );
      CREATE INDEX event_relation_to_idx ON event_relation (to_event_id);

      CREATE TABLE position (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
        stakeholder_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE RESTRICT,
        proposition_id uuid NOT NULL REFERENCES proposition(id) ON DELETE RESTRICT,
        stance stance NOT NULL,
        stated_on date NOT NULL,
        date_precision date_precision NOT NULL DEFAULT 'DAY',
        quote text,
        quote_language text CHECK (quote_language ~ '^[a-z]{2,3}$'),
        speaker_id uuid REFERENCES stakeholder(id) ON DELETE RESTRICT,
        source_id uuid REFERENCES source(id) ON DELETE RESTRICT,
        locator text,
        confidence double precision NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),
        note text,
        ${audit},
        CHECK (quote IS NULL OR quote_language IS NOT NULL)
      );
      CREATE INDEX position_stakeholder_idx ON position (stakeholder_id, stated_on DESC, id);
      CREATE INDEX position_proposition_idx ON position (proposition_id, stated_on DESC, id);
      CREATE INDEX position_stated_on_idx ON position (stated_on DESC, id);
      CREATE INDEX position_speaker_idx ON position (speaker_id);
      CREATE INDEX position_source_idx ON position (source_id);

      CREATE TABLE position_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position_id uuid NOT NULL REFERENCES position(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE RESTRICT,
        relation position_event_relation NOT NULL,
        note text,
        ${audit},
        UNIQUE (position_id, event_id, relation)
      );
      CREATE INDEX position_event_event_idx ON position_event (event_id, relation);

      CREATE TABLE vote (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES event(id) ON DELETE CASCADE,
        stakeholder_id uuid NOT NULL REFERENCES stakeholder(id) ON DELETE RESTRICT,
        choice vote_choice NOT NULL,
        explanation_id uuid REFERENCES position(id) ON DELETE SET NULL,
        note text,
        ${audit},
        UNIQUE (event_id, stakeholder_id)
      );
      CREATE INDEX vote_stakeholder_idx ON vote (stakeholder_id);
      CREATE INDEX vote_explanation_idx ON vote (explanation_id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE IF EXISTS vote, position_event, position, event_relation, fatality_claim, event_participant,
        event, proposition, affiliation, source, stakeholder, api_key;
      DROP TYPE IF EXISTS api_key_role, vote_choice, position_event_relation, event_relation_kind, participant_role,
        location_precision, event_kind, stance, date_precision, source_kind, affiliation_kind, stakeholder_kind;
    `);
  }
}
