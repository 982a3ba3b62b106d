/**
 * What a seed folder may contain: one spec per file (the fields of a record,
 * their types, and which other records they refer to), written as data so the
 * validator can walk every record the same way and report unknown keys.
 *
 * Enum values come from the TypeScript enums of the entities, so the seed
 * format follows the model without a second list to keep in step.
 */
import { AffiliationKind } from "../../modules/affiliation/affiliation.entity";
import { ConflictKind } from "../../modules/argument/argument.entity";
import { DatePrecision } from "../../common/enums";
import { EventKind, EventRelationKind, LocationPrecision, ParticipantRole } from "../../modules/event/event.entity";
import { PositionEventRelation, Stance } from "../../modules/position/position.entity";
import { SourceKind } from "../../modules/source/source.entity";
import { StakeholderKind } from "../../modules/stakeholder/stakeholder.entity";
import { VoteChoice } from "../../modules/vote/vote.entity";

/** Record types other records refer to by slug. */
export type RefType = "source" | "stakeholder" | "proposition" | "event" | "position" | "argument";

/** The file whose records a reference of each type names. */
export const REF_FILE: Record<RefType, SeedFileName> = {
  source: "sources.yaml",
  stakeholder: "stakeholders.yaml",
  proposition: "propositions.yaml",
  event: "events.yaml",
  position: "positions.yaml",
  argument: "arguments.yaml",
};

export type FieldSpec =
  | { t: "text"; req?: boolean; max?: number; pattern?: RegExp; hint?: string }
  | { t: "slug"; req?: boolean }
  | { t: "date"; req?: boolean }
  | { t: "enum"; values: Record<string, string>; req?: boolean }
  | { t: "number"; req?: boolean; min?: number; max?: number; int?: boolean }
  | { t: "ref"; to: RefType; req?: boolean }
  | { t: "country"; req?: boolean }
  | { t: "language"; req?: boolean }
  | { t: "url"; req?: boolean }
  | { t: "texts"; req?: boolean; max?: number }
  | { t: "refs"; to: RefType; req?: boolean }
  | { t: "object"; fields: Fields; req?: boolean }
  | { t: "list"; of: Fields; req?: boolean };

export type Fields = Record<string, FieldSpec>;

const text = (max?: number): FieldSpec => ({ t: "text", max });
const reqText = (max?: number): FieldSpec => ({ t: "text", max, req: true });
const slug: FieldSpec = { t: "slug", req: true };
const date = (required = false): FieldSpec => ({ t: "date", req: required });
const oneOf = (values: Record<string, string>, required = true): FieldSpec => ({ t: "enum", values, req: required });
const ref = (to: RefType, required = false): FieldSpec => ({ t: "ref", to, req: required });

/** Lowercase words joined by hyphens, as in the database's CHECK on `scheme`. */
const SCHEME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const SEED_FILES = [
  "sources.yaml",
  "stakeholders.yaml",
  "affiliations.yaml",
  "propositions.yaml",
  "events.yaml",
  "positions.yaml",
  "votes.yaml",
  "arguments.yaml",
  "conflicts.yaml",
  "rephrases.yaml",
] as const;
export type SeedFileName = (typeof SEED_FILES)[number];

export interface FileSpec {
  fields: Fields;
  /**
   * Natural key fields: a record's identity for matching and for error
   * messages. `slug` for most files.
   */
  key: string[];
}

export const FILE_SPECS: Record<SeedFileName, FileSpec> = {
  "sources.yaml": {
    key: ["slug"],
    fields: {
      slug,
      kind: oneOf(SourceKind),
      title: reqText(),
      publisher: text(),
      author: text(),
      publishedOn: date(),
      url: { t: "url" },
      documentSymbol: text(),
      language: { t: "language" },
    },
  },
  "stakeholders.yaml": {
    key: ["slug"],
    fields: {
      slug,
      name: reqText(300),
      kind: oneOf(StakeholderKind),
      aliases: { t: "texts", max: 300 },
      countryCode: { t: "country" },
      description: text(),
      externalIds: { t: "list", of: { scheme: reqText(50), value: reqText(200) } },
    },
  },
  "affiliations.yaml": {
    key: ["subject", "object", "kind", "validFrom"],
    fields: {
      subject: ref("stakeholder", true),
      object: ref("stakeholder", true),
      kind: oneOf(AffiliationKind),
      role: text(),
      validFrom: date(),
      validTo: date(),
      source: ref("source"),
      note: text(),
    },
  },
  "propositions.yaml": {
    key: ["slug"],
    fields: { slug, text: reqText(2000), tags: { t: "texts" } },
  },
  "events.yaml": {
    key: ["slug"],
    fields: {
      slug,
      title: reqText(500),
      kind: oneOf(EventKind),
      startDate: date(true),
      endDate: date(),
      datePrecision: oneOf(DatePrecision),
      description: text(),
      documentSymbol: text(),
      acledEventType: text(),
      acledSubEventType: text(),
      cameoCode: { t: "text", pattern: /^[0-9]{2,4}$/, hint: "a CAMEO code of 2 to 4 digits, quoted, e.g. '057'" },
      source: ref("source"),
      motion: ref("proposition"),
      location: {
        t: "object",
        fields: {
          name: reqText(),
          adminRegion: text(),
          countryCode: { t: "country" },
          latitude: { t: "number", min: -90, max: 90 },
          longitude: { t: "number", min: -180, max: 180 },
          precision: oneOf(LocationPrecision),
        },
      },
      participants: {
        t: "list",
        of: { stakeholder: ref("stakeholder", true), role: oneOf(ParticipantRole), note: text() },
      },
      fatalityClaims: {
        t: "list",
        of: {
          claimant: ref("stakeholder"),
          source: ref("source"),
          low: { t: "number", min: 0, int: true },
          best: { t: "number", min: 0, int: true },
          high: { t: "number", min: 0, int: true },
          note: text(),
        },
      },
      related: { t: "list", of: { event: ref("event", true), relation: oneOf(EventRelationKind) } },
    },
  },
  "positions.yaml": {
    key: ["slug"],
    fields: {
      slug,
      stakeholder: ref("stakeholder", true),
      proposition: ref("proposition", true),
      stance: oneOf(Stance),
      statedOn: date(true),
      datePrecision: oneOf(DatePrecision),
      quote: text(),
      quoteLanguage: { t: "language" },
      speaker: ref("stakeholder"),
      source: ref("source", true),
      locator: text(),
      confidence: { t: "number", req: true, min: 0, max: 1 },
      note: text(),
      events: {
        t: "list",
        of: { event: ref("event", true), relation: oneOf(PositionEventRelation), note: text() },
      },
    },
  },
  "votes.yaml": {
    key: ["event", "stakeholder"],
    fields: {
      event: ref("event", true),
      stakeholder: ref("stakeholder", true),
      choice: oneOf(VoteChoice),
      explanation: ref("position"),
      note: text(),
    },
  },
  "arguments.yaml": {
    key: ["slug"],
    fields: {
      slug,
      author: ref("stakeholder", true),
      premises: { t: "refs", to: "proposition", req: true },
      conclusion: ref("proposition", true),
      scheme: { t: "text", req: true, max: 100, pattern: SCHEME, hint: "lowercase words joined by hyphens, e.g. argument-from-sovereignty" },
      quote: text(),
      quoteLanguage: { t: "language" },
      speaker: ref("stakeholder"),
      source: ref("source", true),
      locator: text(),
      statedOn: date(),
      datePrecision: oneOf(DatePrecision, false),
      note: text(),
    },
  },
  "conflicts.yaml": {
    key: ["slug"],
    fields: {
      slug,
      kind: oneOf(ConflictKind),
      attacker: { t: "object", req: true, fields: { argument: ref("argument"), proposition: ref("proposition") } },
      target: {
        t: "object",
        req: true,
        fields: { argument: ref("argument"), proposition: ref("proposition"), inference: ref("argument") },
      },
      source: ref("source"),
      note: text(),
    },
  },
  "rephrases.yaml": {
    key: ["slug"],
    fields: {
      slug,
      from: ref("proposition", true),
      to: ref("proposition", true),
      source: ref("source"),
      note: text(),
    },
  },
};

// Shapes of records that passed validation (optional fields may be absent).

export interface SourceSeed {
  slug: string;
  kind: SourceKind;
  title: string;
  publisher?: string;
  author?: string;
  publishedOn?: string;
  url?: string;
  documentSymbol?: string;
  language?: string;
}

export interface StakeholderSeed {
  slug: string;
  name: string;
  kind: StakeholderKind;
  aliases?: string[];
  countryCode?: string;
  description?: string;
  externalIds?: Array<{ scheme: string; value: string }>;
}

export interface AffiliationSeed {
  subject: string;
  object: string;
  kind: AffiliationKind;
  role?: string;
  validFrom?: string;
  validTo?: string;
  source?: string;
  note?: string;
}

export interface PropositionSeed {
  slug: string;
  text: string;
  tags?: string[];
}

export interface EventSeed {
  slug: string;
  title: string;
  kind: EventKind;
  startDate: string;
  endDate?: string;
  datePrecision: DatePrecision;
  description?: string;
  documentSymbol?: string;
  acledEventType?: string;
  acledSubEventType?: string;
  cameoCode?: string;
  source?: string;
  motion?: string;
  location?: {
    name: string;
    adminRegion?: string;
    countryCode?: string;
    latitude?: number;
    longitude?: number;
    precision: LocationPrecision;
  };
  participants?: Array<{ stakeholder: string; role: ParticipantRole; note?: string }>;
  fatalityClaims?: Array<{ claimant?: string; source?: string; low?: number; best?: number; high?: number; note?: string }>;
  related?: Array<{ event: string; relation: EventRelationKind }>;
}

export interface PositionSeed {
  slug: string;
  stakeholder: string;
  proposition: string;
  stance: Stance;
  statedOn: string;
  datePrecision: DatePrecision;
  quote?: string;
  quoteLanguage?: string;
  speaker?: string;
  source: string;
  locator?: string;
  confidence: number;
  note?: string;
  events?: Array<{ event: string; relation: PositionEventRelation; note?: string }>;
}

export interface VoteSeed {
  event: string;
  stakeholder: string;
  choice: VoteChoice;
  explanation?: string;
  note?: string;
}

export interface ArgumentSeed {
  slug: string;
  author: string;
  premises: string[];
  conclusion: string;
  scheme: string;
  quote?: string;
  quoteLanguage?: string;
  speaker?: string;
  source: string;
  locator?: string;
  statedOn?: string;
  datePrecision?: DatePrecision;
  note?: string;
}

export interface ConflictSeed {
  slug: string;
  kind: ConflictKind;
  attacker: { argument?: string; proposition?: string };
  target: { argument?: string; proposition?: string; inference?: string };
  source?: string;
  note?: string;
}

export interface RephraseSeed {
  slug: string;
  from: string;
  to: string;
  source?: string;
  note?: string;
}

/** Every file's validated records, in file order (missing files give empty lists). */
export interface SeedSet {
  sources: SourceSeed[];
  stakeholders: StakeholderSeed[];
  affiliations: AffiliationSeed[];
  propositions: PropositionSeed[];
  events: EventSeed[];
  positions: PositionSeed[];
  votes: VoteSeed[];
  arguments: ArgumentSeed[];
  conflicts: ConflictSeed[];
  rephrases: RephraseSeed[];
}

/** The SeedSet property that holds each file's records. */
export const SET_KEY: Record<SeedFileName, keyof SeedSet> = {
  "sources.yaml": "sources",
  "stakeholders.yaml": "stakeholders",
  "affiliations.yaml": "affiliations",
  "propositions.yaml": "propositions",
  "events.yaml": "events",
  "positions.yaml": "positions",
  "votes.yaml": "votes",
  "arguments.yaml": "arguments",
  "conflicts.yaml": "conflicts",
  "rephrases.yaml": "rephrases",
};
