/**
 * Reads a seed folder and checks all of it before anything is written: YAML
 * syntax, unknown keys, required fields, types, enum values, dates, ranges,
 * duplicate keys, and that every slug a record names exists in the files or
 * in the database. Every problem is collected, so one run shows them all.
 */
import fs from "node:fs";
import path from "node:path";
import { Document, LineCounter, isMap, isSeq, parseDocument } from "yaml";
import { EntityManager } from "typeorm";
import { isIsoDate } from "../../common/scalars";
import { SLUG } from "../../common/validate";
import { DatePrecision, periodStart } from "../../common/enums";
import { ConflictKind } from "../../modules/argument/argument.entity";
import { EventKind } from "../../modules/event/event.entity";
import { COUNTRY_CODES } from "./country-codes";
import { SeedProblem, SeedValidationError } from "./seed-problems";
import {
  FILE_SPECS,
  FieldSpec,
  Fields,
  REF_FILE,
  RefType,
  SEED_FILES,
  SET_KEY,
  SeedFileName,
  SeedSet,
} from "./seed-schema";

type Path = Array<string | number>;
type Data = Record<string, unknown>;

/** Where a record lives, for error messages. */
interface RecordAt {
  file: SeedFileName;
  index: number;
  label: string;
  data: Data;
}

interface RefUse {
  type: RefType;
  slug: string;
  at: RecordAt;
  path: Path;
}

/** Slug → id of records the files refer to that already exist in the database. */
export type DbIds = Map<RefType, Map<string, string>>;

export interface ValidatedSeeds {
  set: SeedSet;
  /** Ids of referenced records found in the database and not in the files. */
  dbIds: DbIds;
}

const TABLE: Record<RefType, string> = {
  source: "source",
  stakeholder: "stakeholder",
  proposition: "proposition",
  event: "event",
  position: "position",
  argument: "argument",
};

const COUNTRY = /^[A-Z]{3}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const URL = /^https?:\/\/\S+$/;
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const date = (v: unknown): string | undefined => (isIsoDate(v) ? v : undefined);
const isObject = (v: unknown): v is Data => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Data[] => (Array.isArray(v) ? v.filter(isObject) : []);
const pathText = (p: Path): string =>
  p.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");

/** Collects problems, resolving each one's line from the YAML document. */
class Problems {
  readonly list: SeedProblem[] = [];
  private readonly docs = new Map<SeedFileName, { doc: Document; lines: LineCounter }>();

  addDoc(file: SeedFileName, doc: Document, lines: LineCounter): void {
    this.docs.set(file, { doc, lines });
  }

  file(file: string, message: string, line?: number): void {
    this.list.push({ file, record: "", field: "", message, line });
  }

  at(rec: RecordAt, field: Path, message: string): void {
    this.list.push({ file: rec.file, record: rec.label, field: pathText(field), message, line: this.lineOf(rec, field) });
  }

  /** Line of the deepest node of `field` that exists (the record itself at worst). */
  lineOf(rec: RecordAt, field: Path = []): number | undefined {
    const d = this.docs.get(rec.file);
    if (!d) return undefined;
    for (let n = field.length; n >= 0; n--) {
      const node = d.doc.getIn([rec.index, ...field.slice(0, n)], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return d.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }
}

/** A record's slug or natural key, for messages; `[index]` when it has none. */
function labelOf(file: SeedFileName, data: Data, index: number): string {
  const parts = FILE_SPECS[file].key.map((k) => data[k]);
  if (parts.some((p) => p !== undefined && p !== null && typeof p !== "string") || typeof parts[0] !== "string" || !parts[0]) {
    return `[${index}]`;
  }
  while (parts.length > 1 && (parts[parts.length - 1] === undefined || parts[parts.length - 1] === null)) parts.pop();
  return parts.map((p) => p ?? "").join("+");
}

/** Checks one record's fields against its spec; notes the references it makes. */
function checkFields(fields: Fields, value: Data, base: Path, rec: RecordAt, problems: Problems, refs: RefUse[]): void {
  for (const key of Object.keys(value)) {
    if (!(key in fields)) {
      problems.at(rec, [...base, key], `unknown field (expected ${Object.keys(fields).join(", ")})`);
    }
  }
  for (const [name, spec] of Object.entries(fields)) {
    checkField(spec, value[name], [...base, name], rec, problems, refs);
  }
}

function checkField(spec: FieldSpec, v: unknown, p: Path, rec: RecordAt, problems: Problems, refs: RefUse[]): void {
  const fail = (message: string) => problems.at(rec, p, message);
  if (v === undefined || v === null) {
    if (spec.req) fail("is required");
    return;
  }
  switch (spec.t) {
    case "text":
      if (typeof v !== "string") return fail(`must be text${typeof v === "number" ? " (quote it)" : ""}`);
      if (v.trim() === "") return fail("must not be empty");
      if (spec.max !== undefined && v.length > spec.max) return fail(`must be at most ${spec.max} characters`);
      if (spec.pattern && !spec.pattern.test(v)) return fail(`must be ${spec.hint ?? `like ${spec.pattern}`}, got "${v}"`);
      return;
    case "slug":
      checkSlug(v, fail);
      return;
    case "date":
      if (typeof v !== "string" || !DATE_SHAPE.test(v)) return fail(`must be a date written 'YYYY-MM-DD', got ${JSON.stringify(v)}`);
      if (!isIsoDate(v)) return fail(`${v} is not a date that exists`);
      return;
    case "enum": {
      const allowed = Object.values(spec.values);
      if (typeof v !== "string" || !allowed.includes(v)) return fail(`must be one of ${allowed.join(", ")}; got ${JSON.stringify(v)}`);
      return;
    }
    case "number":
      if (typeof v !== "number" || !Number.isFinite(v)) return fail(`must be a number, got ${JSON.stringify(v)}`);
      if (spec.int && !Number.isInteger(v)) return fail(`must be a whole number, got ${v}`);
      if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
        return fail(spec.max === undefined ? `must be at least ${spec.min}, got ${v}` : `must be between ${spec.min} and ${spec.max}, got ${v}`);
      }
      return;
    case "ref":
      if (checkSlug(v, fail)) refs.push({ type: spec.to, slug: v as string, at: rec, path: p });
      return;
    case "refs":
      if (!Array.isArray(v)) return fail(`must be a list of ${spec.to} slugs`);
      if (spec.req && v.length === 0) return fail(`must name at least one ${spec.to}`);
      v.forEach((item, i) => {
        const ip = [...p, i];
        if (checkSlug(item, (m) => problems.at(rec, ip, m))) refs.push({ type: spec.to, slug: item as string, at: rec, path: ip });
      });
      return;
    case "country":
      if (typeof v !== "string" || !COUNTRY.test(v)) return fail(`must be an ISO 3166-1 alpha-3 code in capitals, e.g. MLI; got ${JSON.stringify(v)}`);
      if (!COUNTRY_CODES.has(v)) return fail(`"${v}" is not an ISO 3166-1 alpha-3 country code`);
      return;
    case "language":
      if (typeof v !== "string" || !LANGUAGE.test(v)) return fail(`must be an ISO 639 language code in lower case, e.g. fr; got ${JSON.stringify(v)}`);
      return;
    case "url":
      if (typeof v !== "string" || !URL.test(v)) return fail(`must be an http(s) URL without spaces; got ${JSON.stringify(v)}`);
      return;
    case "texts":
      if (!Array.isArray(v)) return fail("must be a list of texts");
      v.forEach((item, i) => {
        const ip = [...p, i];
        if (typeof item !== "string" || item.trim() === "") problems.at(rec, ip, "must be non-empty text");
        else if (spec.max !== undefined && item.length > spec.max) problems.at(rec, ip, `must be at most ${spec.max} characters`);
      });
      return;
    case "object":
      if (!isObject(v)) return fail(`must be a mapping with the fields ${Object.keys(spec.fields).join(", ")}`);
      return checkFields(spec.fields, v, p, rec, problems, refs);
    case "list":
      if (!Array.isArray(v)) return fail("must be a list");
      v.forEach((item, i) => {
        if (!isObject(item)) problems.at(rec, [...p, i], `must be a mapping with the fields ${Object.keys(spec.of).join(", ")}`);
        else checkFields(spec.of, item, [...p, i], rec, problems, refs);
      });
      return;
  }
}

function checkSlug(v: unknown, fail: (m: string) => void): boolean {
  if (typeof v !== "string" || !SLUG.test(v) || v.length > 100) {
    fail(`must be a slug (lowercase words of a-z and 0-9 joined by single hyphens, at most 100 characters); got ${JSON.stringify(v)}`);
    return false;
  }
  return true;
}

/** Reports the second and later items of `items` whose key was already seen. */
function noDuplicates<T>(items: T[], keyOf: (item: T) => string | undefined, report: (item: T, first: T) => void): void {
  const seen = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first !== undefined) report(item, first);
    else seen.set(key, item);
  }
}

/** A MONTH date is written as the 1st, a YEAR date as 1 January (see seeds/README.md). */
function checkPrecision(rec: RecordAt, problems: Problems, field: string, value: unknown, precision: unknown): void {
  const d = date(value);
  if (!d) return;
  if (precision !== DatePrecision.MONTH && precision !== DatePrecision.YEAR) return;
  const start = periodStart(d, precision);
  if (start === d) return;
  const as = precision === DatePrecision.MONTH ? "the 1st of the month" : "1 January";
  problems.at(rec, [field], `${d} has datePrecision ${precision}: write it as ${as} (${start})`);
}

function checkQuote(rec: RecordAt, problems: Problems): void {
  if (str(rec.data.quote) && rec.data.quoteLanguage == null) problems.at(rec, ["quoteLanguage"], "is required when there is a quote");
}

/** Rules that involve several fields of one record. */
function checkRecord(rec: RecordAt, problems: Problems): void {
  const d = rec.data;
  const childKey = (child: Data, fields: string[]) => JSON.stringify(fields.map((f) => child[f] ?? null));
  const dupChildren = (listField: string, fields: string[], what: string) => {
    const items = list(d[listField]).map((child, i) => ({ child, i }));
    noDuplicates(
      items,
      ({ child }) => childKey(child, fields),
      ({ i }, first) => problems.at(rec, [listField, i], `repeats ${what} of ${listField}[${first.i}]`),
    );
  };
  switch (rec.file) {
    case "stakeholders.yaml":
      dupChildren("externalIds", ["scheme", "value"], "the scheme and value");
      break;
    case "affiliations.yaml":
      if (str(d.subject) && d.subject === d.object) problems.at(rec, ["object"], "must differ from subject");
      if (date(d.validFrom) && date(d.validTo) && (d.validFrom as string) > (d.validTo as string)) {
        problems.at(rec, ["validTo"], `must not be before validFrom (${d.validFrom})`);
      }
      break;
    case "events.yaml": {
      if (date(d.startDate) && date(d.endDate) && (d.endDate as string) < (d.startDate as string)) {
        problems.at(rec, ["endDate"], `must not be before startDate (${d.startDate})`);
      }
      checkPrecision(rec, problems, "startDate", d.startDate, d.datePrecision);
      checkPrecision(rec, problems, "endDate", d.endDate, d.datePrecision);
      if (d.motion != null && d.kind !== EventKind.VOTE) problems.at(rec, ["motion"], "is only for VOTE events");
      const loc = isObject(d.location) ? d.location : undefined;
      if (loc && (loc.latitude == null) !== (loc.longitude == null)) {
        problems.at(rec, ["location", loc.latitude == null ? "latitude" : "longitude"], "latitude and longitude go together: give both or neither");
      }
      dupChildren("participants", ["stakeholder", "role"], "the stakeholder and role");
      list(d.fatalityClaims).forEach((c, i) => {
        const [low, best, high] = [num(c.low), num(c.best), num(c.high)];
        if (c.low == null && c.best == null && c.high == null) {
          problems.at(rec, ["fatalityClaims", i], "needs at least one of low, best, high");
        }
        if (low !== undefined && best !== undefined && low > best) problems.at(rec, ["fatalityClaims", i, "low"], `must not exceed best (${best})`);
        if (best !== undefined && high !== undefined && best > high) problems.at(rec, ["fatalityClaims", i, "best"], `must not exceed high (${high})`);
        if (low !== undefined && high !== undefined && low > high) problems.at(rec, ["fatalityClaims", i, "low"], `must not exceed high (${high})`);
      });
      dupChildren("fatalityClaims", ["claimant", "source"], "the claimant and source (the key of a fatality claim)");
      list(d.related).forEach((r, i) => {
        if (str(d.slug) && r.event === d.slug) problems.at(rec, ["related", i, "event"], "an event cannot be related to itself");
      });
      dupChildren("related", ["event", "relation"], "the event and relation");
      break;
    }
    case "positions.yaml":
      checkQuote(rec, problems);
      checkPrecision(rec, problems, "statedOn", d.statedOn, d.datePrecision);
      dupChildren("events", ["event", "relation"], "the event and relation");
      break;
    case "arguments.yaml": {
      checkQuote(rec, problems);
      checkPrecision(rec, problems, "statedOn", d.statedOn, d.datePrecision ?? DatePrecision.DAY);
      const premises = Array.isArray(d.premises) ? d.premises : [];
      noDuplicates(
        premises.map((p, i) => ({ p, i })),
        ({ p }) => str(p),
        ({ i }, first) => problems.at(rec, ["premises", i], `repeats premises[${first.i}]`),
      );
      if (str(d.conclusion) && premises.includes(d.conclusion)) problems.at(rec, ["conclusion"], "must not also be a premise");
      break;
    }
    case "conflicts.yaml": {
      const attacker = isObject(d.attacker) ? d.attacker : undefined;
      const target = isObject(d.target) ? d.target : undefined;
      const given = (o: Data) => Object.keys(o).filter((k) => o[k] != null);
      if (attacker && given(attacker).length !== 1) problems.at(rec, ["attacker"], "must name exactly one of argument, proposition");
      if (target && given(target).length !== 1) problems.at(rec, ["target"], "must name exactly one of argument, proposition, inference");
      if (target && typeof d.kind === "string") {
        const undercut = d.kind === ConflictKind.UNDERCUT;
        if (undercut && target.inference == null) problems.at(rec, ["target"], "an UNDERCUT targets an argument's inference: use target: {inference: <argument>}");
        if (!undercut && target.inference != null) problems.at(rec, ["target", "inference"], "only an UNDERCUT targets an inference");
      }
      if (attacker && target) {
        if (str(attacker.argument) && (attacker.argument === target.argument || attacker.argument === target.inference)) {
          problems.at(rec, ["target"], "an argument cannot attack itself");
        }
        if (str(attacker.proposition) && attacker.proposition === target.proposition) {
          problems.at(rec, ["target"], "a proposition cannot attack itself");
        }
      }
      break;
    }
    case "rephrases.yaml":
      if (str(d.from) && d.from === d.to) problems.at(rec, ["to"], "must differ from from");
      break;
  }
}

/** Reads every seed file in `dir` and checks each record on its own. */
interface Folder {
  records: Map<SeedFileName, RecordAt[]>;
  refs: RefUse[];
  /** Files with YAML errors: their records, and so their slugs, are unknown. */
  unreadable: Set<SeedFileName>;
}

function readFolder(dir: string, problems: Problems): Folder {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`Seed folder ${dir} does not exist`);
  }
  const records = new Map<SeedFileName, RecordAt[]>();
  const refs: RefUse[] = [];
  const unreadable = new Set<SeedFileName>();
  const known = new Set<string>(SEED_FILES);
  for (const name of fs.readdirSync(dir).sort()) {
    if (/\.ya?ml$/.test(name) && !known.has(name)) {
      problems.file(name, `is not a seed file; the loader reads ${SEED_FILES.join(", ")}`);
    }
  }
  for (const file of SEED_FILES) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) continue;
    const lines = new LineCounter();
    const doc = parseDocument(fs.readFileSync(full, "utf8"), { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
    problems.addDoc(file, doc, lines);
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        problems.file(file, `YAML: ${message}`, e.linePos?.[0]?.line);
      }
      unreadable.add(file);
      continue;
    }
    if (doc.contents !== null && !isSeq(doc.contents)) {
      problems.file(file, "must be a YAML list of records (each starting with `- `)");
      unreadable.add(file);
      continue;
    }
    const items = doc.contents ? doc.contents.items : [];
    // Through the document, so anchors and aliases resolve.
    const values = (doc.toJS() ?? []) as unknown[];
    const recs: RecordAt[] = [];
    items.forEach((node, index) => {
      const data = isMap(node) && isObject(values[index]) ? values[index] : undefined;
      if (!data) {
        problems.at({ file, index, label: `[${index}]`, data: {} }, [], "must be a mapping of fields");
        return;
      }
      const rec: RecordAt = { file, index, label: labelOf(file, data, index), data };
      checkFields(FILE_SPECS[file].fields, data, [], rec, problems, refs);
      checkRecord(rec, problems);
      recs.push(rec);
    });
    records.set(file, recs);
  }
  return { records, refs, unreadable };
}

/** Natural keys must be unique within a file. */
function checkKeys(records: Map<SeedFileName, RecordAt[]>, problems: Problems): void {
  for (const [file, recs] of records) {
    const key = FILE_SPECS[file].key;
    const keyOf = (r: RecordAt) => {
      const parts = key.map((k) => r.data[k] ?? null);
      const usable = parts[0] !== null && parts.every((v) => v === null || typeof v === "string");
      return usable ? JSON.stringify(parts) : undefined;
    };
    noDuplicates(
      recs,
      keyOf,
      (r, first) => {
        const where = problems.lineOf(first) ? `line ${problems.lineOf(first)}` : `[${first.index}]`;
        problems.at(r, key.length === 1 ? [key[0]] : [], `duplicate ${key.join("+")}: the record at ${where} has the same`);
      },
    );
  }
  const rephrases = records.get("rephrases.yaml") ?? [];
  noDuplicates(
    rephrases,
    (r) => (str(r.data.from) && str(r.data.to) ? `${r.data.from} ${r.data.to}` : undefined),
    (r, first) => problems.at(r, ["to"], `the rephrase ${r.data.from} → ${r.data.to} is already recorded as ${first.label}`),
  );
}

/** Every reference must name a record of the files or of the database. */
async function resolveRefs(
  manager: EntityManager,
  records: Map<SeedFileName, RecordAt[]>,
  refs: RefUse[],
  unreadable: Set<SeedFileName>,
  problems: Problems,
): Promise<DbIds> {
  const inFiles = new Map<RefType, Set<string>>();
  const eventKinds = new Map<string, string>();
  for (const type of Object.keys(REF_FILE) as RefType[]) {
    const slugs = new Set<string>();
    for (const r of records.get(REF_FILE[type]) ?? []) {
      const slug = str(r.data.slug);
      if (slug) slugs.add(slug);
      if (type === "event" && slug && str(r.data.kind)) eventKinds.set(slug, r.data.kind as string);
    }
    inFiles.set(type, slugs);
  }
  const dbIds: DbIds = new Map();
  const wanted = new Map<RefType, Set<string>>();
  for (const r of refs) {
    if (inFiles.get(r.type)!.has(r.slug)) continue;
    if (!wanted.has(r.type)) wanted.set(r.type, new Set());
    wanted.get(r.type)!.add(r.slug);
  }
  for (const [type, slugs] of wanted) {
    const rows: Array<{ id: string; slug: string; kind?: string }> = await manager.query(
      `SELECT id, slug${type === "event" ? ", kind" : ""} FROM ${TABLE[type]} WHERE slug = ANY($1)`,
      [[...slugs]],
    );
    dbIds.set(type, new Map(rows.map((r) => [r.slug, r.id])));
    for (const r of rows) if (r.kind) eventKinds.set(r.slug, r.kind);
  }
  for (const r of refs) {
    if (inFiles.get(r.type)!.has(r.slug) || dbIds.get(r.type)?.has(r.slug)) continue;
    // A file that did not parse has already been reported; its slugs are unknown, not missing.
    if (unreadable.has(REF_FILE[r.type])) continue;
    problems.at(r.at, r.path, `no ${r.type} has the slug "${r.slug}" (neither in ${REF_FILE[r.type]} nor in the database)`);
  }
  for (const r of refs) {
    if (r.at.file !== "votes.yaml" || r.type !== "event") continue;
    const kind = eventKinds.get(r.slug);
    if (kind && kind !== EventKind.VOTE) problems.at(r.at, r.path, `"${r.slug}" is a ${kind} event; ballots belong to VOTE events`);
  }
  return dbIds;
}

/**
 * Reads and validates the seed folder `dir`; references may name records of
 * the files or rows already in the database that `manager` reads. Throws a
 * SeedValidationError listing every problem.
 */
export async function validateSeeds(manager: EntityManager, dir: string): Promise<ValidatedSeeds> {
  const problems = new Problems();
  const { records, refs, unreadable } = readFolder(dir, problems);
  checkKeys(records, problems);
  const dbIds = await resolveRefs(manager, records, refs, unreadable, problems);
  if (problems.list.length) {
    const order = (f: string) => (SEED_FILES as readonly string[]).indexOf(f);
    const sorted = problems.list
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order(a.p.file) - order(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
      .map(({ p }) => p);
    throw new SeedValidationError(dir, sorted);
  }
  const set = {} as Record<keyof SeedSet, unknown[]>;
  for (const file of SEED_FILES) set[SET_KEY[file]] = (records.get(file) ?? []).map((r) => r.data);
  return { set: set as unknown as SeedSet, dbIds };
}
