/**
 * Writes validated seed records, table by table in reference order, turning
 * slugs into ids as it goes. Runs inside the caller's transaction.
 */
import { EntityManager } from "typeorm";
import { DatePrecision } from "../../common/enums";
import { RefType, SeedSet } from "./seed-schema";
import { DbIds } from "./seed-validate";
import { Row, SyncResult, TableCounts, TableSpec, keyOf, syncTable } from "./seed-sync";

const AUDIT_FREE = { audited: false } as const;

/** Columns and keys of every table the seed writes, in load order. */
export const TABLES = {
  source: {
    table: "source",
    key: ["slug"],
    columns: {
      slug: "text", kind: "source_kind", title: "text", publisher: "text", author: "text", published_on: "date",
      url: "text", document_symbol: "text", language: "text",
    },
  },
  stakeholder: {
    table: "stakeholder",
    key: ["slug"],
    columns: {
      slug: "text", name: "text", kind: "stakeholder_kind", aliases: "text[]", country_code: "char(3)", description: "text",
      external_ids: "jsonb",
    },
  },
  affiliation: {
    table: "affiliation",
    key: ["subject_id", "object_id", "kind", "valid_from"],
    nullableKey: ["valid_from"],
    columns: {
      subject_id: "uuid", object_id: "uuid", kind: "affiliation_kind", role: "text", valid_from: "date", valid_to: "date",
      source_id: "uuid", note: "text",
    },
  },
  proposition: {
    table: "proposition",
    key: ["slug"],
    columns: { slug: "text", text: "text", tags: "text[]" },
  },
  event: {
    table: "event",
    key: ["slug"],
    columns: {
      slug: "text", title: "text", kind: "event_kind", start_date: "date", end_date: "date", date_precision: "date_precision",
      description: "text", document_symbol: "text", acled_event_type: "text", acled_sub_event_type: "text", cameo_code: "text",
      source_id: "uuid", motion_id: "uuid", location_name: "text", location_admin_region: "text",
      location_country_code: "char(3)", location_latitude: "double precision", location_longitude: "double precision",
      location_precision: "location_precision",
    },
  },
  event_participant: {
    table: "event_participant",
    key: ["event_id", "stakeholder_id", "role"],
    columns: { event_id: "uuid", stakeholder_id: "uuid", role: "participant_role", note: "text" },
  },
  fatality_claim: {
    table: "fatality_claim",
    key: ["event_id", "claimant_id", "source_id"],
    nullableKey: ["claimant_id", "source_id"],
    columns: {
      event_id: "uuid", claimant_id: "uuid", source_id: "uuid", low: "integer", best: "integer", high: "integer", note: "text",
    },
  },
  event_relation: {
    table: "event_relation",
    key: ["from_event_id", "to_event_id", "relation"],
    columns: { from_event_id: "uuid", to_event_id: "uuid", relation: "event_relation_kind" },
  },
  position: {
    table: "position",
    key: ["slug"],
    columns: {
      slug: "text", stakeholder_id: "uuid", proposition_id: "uuid", stance: "stance", stated_on: "date",
      date_precision: "date_precision", quote: "text", quote_language: "text", speaker_id: "uuid", source_id: "uuid",
      locator: "text", confidence: "double precision", note: "text",
    },
  },
  position_event: {
    table: "position_event",
    key: ["position_id", "event_id", "relation"],
    columns: { position_id: "uuid", event_id: "uuid", relation: "position_event_relation", note: "text" },
  },
  vote: {
    table: "vote",
    key: ["event_id", "stakeholder_id"],
    columns: { event_id: "uuid", stakeholder_id: "uuid", choice: "vote_choice", explanation_id: "uuid", note: "text" },
  },
  argument: {
    table: "argument",
    key: ["slug"],
    columns: {
      slug: "text", author_id: "uuid", conclusion_id: "uuid", scheme: "text", quote: "text", quote_language: "text",
      speaker_id: "uuid", source_id: "uuid", locator: "text", stated_on: "date", date_precision: "date_precision",
      note: "text",
    },
  },
  argument_premise: {
    table: "argument_premise",
    key: ["argument_id", "proposition_id"],
    columns: { argument_id: "uuid", proposition_id: "uuid", ordinal: "integer" },
    ...AUDIT_FREE,
  },
  conflict: {
    table: "conflict",
    key: ["slug"],
    columns: {
      slug: "text", kind: "conflict_kind", attacker_argument_id: "uuid", attacker_proposition_id: "uuid",
      target_argument_id: "uuid", target_proposition_id: "uuid", target_inference_id: "uuid", source_id: "uuid",
      note: "text",
    },
  },
  rephrase: {
    table: "rephrase",
    key: ["slug"],
    columns: { slug: "text", from_proposition_id: "uuid", to_proposition_id: "uuid", source_id: "uuid", note: "text" },
  },
} satisfies Record<string, TableSpec>;

export type SeedTable = keyof typeof TABLES;

/** Slug → id for every record type, filled as tables are written. */
class Ids {
  private readonly maps = new Map<RefType, Map<string, string>>();

  constructor(dbIds: DbIds) {
    for (const [type, map] of dbIds) this.maps.set(type, new Map(map));
  }

  /** Records the ids of the slug-keyed rows just written. */
  learn(type: RefType, spec: TableSpec, slugs: string[], result: SyncResult): void {
    if (!this.maps.has(type)) this.maps.set(type, new Map());
    const map = this.maps.get(type)!;
    for (const slug of slugs) map.set(slug, result.ids.get(keyOf(spec, { slug }))!);
  }

  of(type: RefType, slug: string | undefined): string | null {
    if (slug === undefined) return null;
    const id = this.maps.get(type)?.get(slug);
    // Validation resolved every reference, so this is a bug, not bad data.
    if (!id) throw new Error(`seed loader: ${type} "${slug}" was not resolved`);
    return id;
  }
}

/** Writes every record of `set`; returns what changed per table, in load order. */
export async function writeSeeds(tx: EntityManager, set: SeedSet, dbIds: DbIds): Promise<Record<SeedTable, TableCounts>> {
  const ids = new Ids(dbIds);
  const report = {} as Record<SeedTable, TableCounts>;
  const sync = async (table: SeedTable, rows: Row[], scope?: { parentColumn: string; parentIds: string[] }) => {
    const result = await syncTable(tx, TABLES[table], rows, scope);
    report[table] = result.counts;
    return result;
  };
  const bySlug = async (table: SeedTable, type: RefType, records: Array<{ slug: string }>, rows: Row[]) => {
    const result = await sync(table, rows);
    ids.learn(type, TABLES[table], records.map((r) => r.slug), result);
    return result;
  };
  const n = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

  await bySlug("source", "source", set.sources, set.sources.map((s) => ({
    slug: s.slug, kind: s.kind, title: s.title, publisher: n(s.publisher), author: n(s.author), published_on: n(s.publishedOn),
    url: n(s.url), document_symbol: n(s.documentSymbol), language: n(s.language),
  })));

  await bySlug("stakeholder", "stakeholder", set.stakeholders, set.stakeholders.map((s) => ({
    slug: s.slug, name: s.name, kind: s.kind, aliases: s.aliases ?? [], country_code: n(s.countryCode),
    description: n(s.description), external_ids: (s.externalIds ?? []).map(({ scheme, value }) => ({ scheme, value })),
  })));

  await sync("affiliation", set.affiliations.map((a) => ({
    subject_id: ids.of("stakeholder", a.subject), object_id: ids.of("stakeholder", a.object), kind: a.kind, role: n(a.role),
    valid_from: n(a.validFrom), valid_to: n(a.validTo), source_id: ids.of("source", a.source), note: n(a.note),
  })));

  await bySlug("proposition", "proposition", set.propositions, set.propositions.map((p) => ({
    slug: p.slug, text: p.text, tags: p.tags ?? [],
  })));

  await bySlug("event", "event", set.events, set.events.map((e) => ({
    slug: e.slug, title: e.title, kind: e.kind, start_date: e.startDate, end_date: n(e.endDate),
    date_precision: e.datePrecision, description: n(e.description), document_symbol: n(e.documentSymbol),
    acled_event_type: n(e.acledEventType), acled_sub_event_type: n(e.acledSubEventType), cameo_code: n(e.cameoCode),
    source_id: ids.of("source", e.source), motion_id: ids.of("proposition", e.motion),
    location_name: n(e.location?.name), location_admin_region: n(e.location?.adminRegion),
    location_country_code: n(e.location?.countryCode), location_latitude: n(e.location?.latitude),
    location_longitude: n(e.location?.longitude), location_precision: n(e.location?.precision),
  })));
  const eventIds = set.events.map((e) => ids.of("event", e.slug)!);
  await sync(
    "event_participant",
    set.events.flatMap((e) => (e.participants ?? []).map((p) => ({
      event_id: ids.of("event", e.slug), stakeholder_id: ids.of("stakeholder", p.stakeholder), role: p.role, note: n(p.note),
    }))),
    { parentColumn: "event_id", parentIds: eventIds },
  );
  await sync(
    "fatality_claim",
    set.events.flatMap((e) => (e.fatalityClaims ?? []).map((c) => ({
      event_id: ids.of("event", e.slug), claimant_id: ids.of("stakeholder", c.claimant), source_id: ids.of("source", c.source),
      low: n(c.low), best: n(c.best), high: n(c.high), note: n(c.note),
    }))),
    { parentColumn: "event_id", parentIds: eventIds },
  );
  await sync(
    "event_relation",
    set.events.flatMap((e) => (e.related ?? []).map((r) => ({
      from_event_id: ids.of("event", e.slug), to_event_id: ids.of("event", r.event), relation: r.relation,
    }))),
    { parentColumn: "from_event_id", parentIds: eventIds },
  );

  await bySlug("position", "position", set.positions, set.positions.map((p) => ({
    slug: p.slug, stakeholder_id: ids.of("stakeholder", p.stakeholder), proposition_id: ids.of("proposition", p.proposition),
    stance: p.stance, stated_on: p.statedOn, date_precision: p.datePrecision, quote: n(p.quote),
    quote_language: n(p.quoteLanguage), speaker_id: ids.of("stakeholder", p.speaker), source_id: ids.of("source", p.source),
    locator: n(p.locator), confidence: p.confidence, note: n(p.note),
  })));
  await sync(
    "position_event",
    set.positions.flatMap((p) => (p.events ?? []).map((l) => ({
      position_id: ids.of("position", p.slug), event_id: ids.of("event", l.event), relation: l.relation, note: n(l.note),
    }))),
    { parentColumn: "position_id", parentIds: set.positions.map((p) => ids.of("position", p.slug)!) },
  );

  await sync("vote", set.votes.map((v) => ({
    event_id: ids.of("event", v.event), stakeholder_id: ids.of("stakeholder", v.stakeholder), choice: v.choice,
    explanation_id: ids.of("position", v.explanation), note: n(v.note),
  })));

  const args = await bySlug("argument", "argument", set.arguments, set.arguments.map((a) => ({
    slug: a.slug, author_id: ids.of("stakeholder", a.author), conclusion_id: ids.of("proposition", a.conclusion),
    scheme: a.scheme, quote: n(a.quote), quote_language: n(a.quoteLanguage), speaker_id: ids.of("stakeholder", a.speaker),
    source_id: ids.of("source", a.source), locator: n(a.locator), stated_on: n(a.statedOn),
    date_precision: a.datePrecision ?? DatePrecision.DAY, note: n(a.note),
  })));
  const premises = await sync(
    "argument_premise",
    set.arguments.flatMap((a) => a.premises.map((p, ordinal) => ({
      argument_id: ids.of("argument", a.slug), proposition_id: ids.of("proposition", p), ordinal,
    }))),
    { parentColumn: "argument_id", parentIds: set.arguments.map((a) => ids.of("argument", a.slug)!) },
  );
  await touchArguments(tx, premises, args, report.argument);

  await sync("conflict", set.conflicts.map((c) => ({
    slug: c.slug, kind: c.kind,
    attacker_argument_id: ids.of("argument", c.attacker.argument), attacker_proposition_id: ids.of("proposition", c.attacker.proposition),
    target_argument_id: ids.of("argument", c.target.argument), target_proposition_id: ids.of("proposition", c.target.proposition),
    target_inference_id: ids.of("argument", c.target.inference), source_id: ids.of("source", c.source), note: n(c.note),
  })));

  await sync("rephrase", set.rephrases.map((r) => ({
    slug: r.slug, from_proposition_id: ids.of("proposition", r.from), to_proposition_id: ids.of("proposition", r.to),
    source_id: ids.of("source", r.source), note: n(r.note),
  })));
  return report;
}

/**
 * Premises have no version of their own: an argument whose premises changed
 * is a changed argument, so its version moves on (once) and an editor holding
 * the old version cannot overwrite the change unknowingly.
 */
async function touchArguments(tx: EntityManager, premises: SyncResult, args: SyncResult, counts: TableCounts): Promise<void> {
  const alreadyChanged = new Set(args.changed.map((row) => args.ids.get(keyOf(TABLES.argument, row))));
  const touch = [...new Set(premises.changed.map((p) => p.argument_id as string))].filter((id) => !alreadyChanged.has(id));
  if (!touch.length) return;
  await tx.query(`UPDATE argument SET version = version + 1, updated_at = now(), updated_by = NULL WHERE id = ANY($1::uuid[])`, [
    touch,
  ]);
  counts.updated += touch.length;
  counts.unchanged -= touch.length;
}
