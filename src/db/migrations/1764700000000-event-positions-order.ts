import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * "An event's latest positions" without reading every link of the event.
 *
 * The positions linked to an event are listed newest statement first
 * (`Event.positions(first: 5)`). The date lives on `position`, so Postgres
 * had to join and sort every link of an event to return five: 3 200 links for
 * the busiest event of the S benchmark data, 32 000 at M. Each link now
 * carries its position's `stated_on`, kept by triggers (set on insert, and
 * followed when a position's date changes), and one index orders an event's
 * links by it: five positions cost five index entries however busy the event.
 *
 * The index replaces `position_event_event_idx (event_id, relation)`: it
 * starts with `event_id` too (the foreign-key checks of event deletes use it)
 * and carries `relation` for the relation filter.
 */
export class EventPositionsOrder1764700000000 implements MigrationInterface {
  name = "EventPositionsOrder1764700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE position_event ADD COLUMN position_stated_on date;
      UPDATE position_event l SET position_stated_on = p.stated_on FROM position p WHERE p.id = l.position_id;
      ALTER TABLE position_event ALTER COLUMN position_stated_on SET NOT NULL;

      -- A link always carries its position's date, whatever the writer sends.
      CREATE FUNCTION position_event_set_stated_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.position_stated_on := (SELECT stated_on FROM position WHERE id = NEW.position_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER position_event_set_stated_on
        BEFORE INSERT OR UPDATE OF position_id, position_stated_on ON position_event
        FOR EACH ROW EXECUTE FUNCTION position_event_set_stated_on();

      CREATE FUNCTION position_follow_stated_on() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE position_event SET position_stated_on = NEW.stated_on WHERE position_id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE TRIGGER position_follow_stated_on
        AFTER UPDATE OF stated_on ON position
        FOR EACH ROW WHEN (OLD.stated_on IS DISTINCT FROM NEW.stated_on)
        EXECUTE FUNCTION position_follow_stated_on();

      CREATE INDEX position_event_event_recent_idx
        ON position_event (event_id, position_stated_on DESC, position_id DESC) INCLUDE (relation);
      DROP INDEX position_event_event_idx;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX position_event_event_idx ON position_event (event_id, relation);
      DROP INDEX IF EXISTS position_event_event_recent_idx;
      DROP TRIGGER IF EXISTS position_follow_stated_on ON position;
      DROP FUNCTION IF EXISTS position_follow_stated_on();
      DROP TRIGGER IF EXISTS position_event_set_stated_on ON position_event;
      DROP FUNCTION IF EXISTS position_event_set_stated_on();
      ALTER TABLE position_event DROP COLUMN IF EXISTS position_stated_on;
    `);
  }
}
