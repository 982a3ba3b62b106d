/**
 * Small factories for test data, written straight to the test transaction.
 * Slugs get a counter suffix so tests never collide.
 */
import { EntityManager } from "typeorm";
import { Role } from "../../src/modules/auth/api-key.entity";
import { createApiKey } from "../../src/modules/auth/auth.service";

let n = 0;
/** A unique slug with a readable prefix. */
export function uniqueSlug(prefix: string): string {
  n += 1;
  return `${prefix}-${process.pid}-${n}`;
}

async function insert(manager: EntityManager, table: string, values: Record<string, unknown>): Promise<any> {
  const cols = Object.keys(values);
  const rows = await manager.query(
    `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING *`,
    cols.map((c) => values[c]),
  );
  return rows[0];
}

export function factories(manager: () => EntityManager) {
  return {
    async apiKey(role: Role = Role.EDITOR, name = uniqueSlug("key")) {
      return createApiKey(manager(), name, role);
    },
    stakeholder(values: Record<string, unknown> = {}) {
      return insert(manager(), "stakeholder", { slug: uniqueSlug("sh"), name: "Test stakeholder", kind: "STATE", ...values });
    },
    proposition(values: Record<string, unknown> = {}) {
      return insert(manager(), "proposition", { slug: uniqueSlug("prop"), text: "Something should happen", ...values });
    },
    source(values: Record<string, unknown> = {}) {
      return insert(manager(), "source", { slug: uniqueSlug("src"), kind: "REPORT", title: "A report", ...values });
    },
    event(values: Record<string, unknown> = {}) {
      return insert(manager(), "event", {
        slug: uniqueSlug("ev"),
        title: "Something happened",
        kind: "MEETING",
        start_date: "2023-06-16",
        ...values,
      });
    },
    position(values: { stakeholder_id: string; proposition_id: string } & Record<string, unknown>) {
      return insert(manager(), "position", { stance: "SUPPORT", stated_on: "2023-06-16", ...values });
    },
    positionEvent(values: { position_id: string; event_id: string } & Record<string, unknown>) {
      return insert(manager(), "position_event", { relation: "EXPRESSED_AT", ...values });
    },
    participant(values: { event_id: string; stakeholder_id: string } & Record<string, unknown>) {
      return insert(manager(), "event_participant", { role: "SPEAKER", ...values });
    },
    affiliation(values: { subject_id: string; object_id: string } & Record<string, unknown>) {
      return insert(manager(), "affiliation", { kind: "MEMBER_OF", ...values });
    },
    vote(values: { event_id: string; stakeholder_id: string } & Record<string, unknown>) {
      return insert(manager(), "vote", { choice: "YES", ...values });
    },
    /** An argument with its premises (proposition ids, in order). */
    async argument(
      values: { author_id: string; conclusion_id: string; premises: string[] } & Record<string, unknown>,
    ) {
      const { premises, ...columns } = values;
      const row = await insert(manager(), "argument", { slug: uniqueSlug("arg"), ...columns });
      for (const [ordinal, proposition_id] of premises.entries()) {
        await insert(manager(), "argument_premise", { argument_id: row.id, proposition_id, ordinal });
      }
      return row;
    },
    /** A conflict: give one attacker_* and one target_* id column; kind defaults to REBUT. */
    conflict(values: Record<string, unknown>) {
      return insert(manager(), "conflict", { slug: uniqueSlug("conflict"), kind: "REBUT", ...values });
    },
    rephrase(values: { from_proposition_id: string; to_proposition_id: string } & Record<string, unknown>) {
      return insert(manager(), "rephrase", { slug: uniqueSlug("rephrase"), ...values });
    },
  };
}
