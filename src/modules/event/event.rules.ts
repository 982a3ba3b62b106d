/**
 * Checks shared by the event mutations. Each adds issues to a Validator, so a
 * client hears about every problem of an input at once.
 */
import { EntityManager } from "typeorm";
import { DatePrecision, periodStart } from "../../common/enums";
import { isIsoDate } from "../../common/scalars";
import { Validator } from "../../common/validate";
import { EventKind, Location } from "./event.entity";
import { EventParticipantInput, EventRelationInput, FatalityClaimInput, LocationInput } from "./event.inputs";
import { queryObjects } from "../../common/sql";

export const CAMEO_CODE = /^[0-9]{2,4}$/;
const NOTE_MAX = 5000;

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** The event columns every create/update may set, checked field by field. */
export function checkEventFields(
  v: Validator,
  input: Nullable<{
    slug: string;
    title: string;
    kind: EventKind;
    startDate: string;
    endDate: string;
    datePrecision: DatePrecision;
    description: string;
    documentSymbol: string;
    acledEventType: string;
    acledSubEventType: string;
    cameoCode: string;
    source: string;
    motion: string;
    location: LocationInput;
  }>,
  creating: boolean,
): void {
  if (creating && !input.slug) v.fail("slug", "is required");
  else v.slug("slug", input.slug);
  if (creating || input.title !== undefined) v.text("title", input.title, { required: true, max: 500 });
  if (creating && !input.startDate) v.fail("startDate", "is required");
  v.date("startDate", input.startDate);
  v.date("endDate", input.endDate);
  v.text("description", input.description, { max: 20000 });
  v.text("documentSymbol", input.documentSymbol, { max: 200 });
  v.text("acledEventType", input.acledEventType, { max: 200 });
  v.text("acledSubEventType", input.acledSubEventType, { max: 200 });
  if (input.cameoCode != null && !CAMEO_CODE.test(input.cameoCode)) {
    v.fail("cameoCode", "must be a CAMEO code of 2 to 4 digits, e.g. 1823");
  }
  v.slug("source", input.source);
  v.slug("motion", input.motion);
  if (input.location) checkLocation(v, "location", input.location);
  if (!creating) {
    for (const f of ["slug", "title", "kind", "startDate", "datePrecision"] as const) {
      if (input[f] === null) v.fail(f, "cannot be null");
    }
  }
}

/** The shape of an event as it will be stored, for rules that span several fields. */
export interface EventShape {
  kind: EventKind;
  startDate: string;
  endDate: string | null;
  datePrecision: DatePrecision;
  hasMotion: boolean;
}

/**
 * Rules across fields. `blame` names the input field to report for each rule,
 * which on an update is the field the client sent.
 */
export function checkEventShape(
  v: Validator,
  e: EventShape,
  blame: { endDate: string; precision: string; motion: string },
): void {
  // Malformed dates are reported by checkEventFields.
  if (isIsoDate(e.startDate) && (!e.endDate || isIsoDate(e.endDate))) {
    if (e.endDate && e.endDate < e.startDate) v.fail(blame.endDate, `must not be before startDate (${e.startDate})`);
    const misaligned = (d: string) => periodStart(d, e.datePrecision) !== d;
    if (misaligned(e.startDate) || (e.endDate && misaligned(e.endDate))) {
      v.fail(
        blame.precision,
        e.datePrecision === DatePrecision.MONTH
          ? "with datePrecision MONTH, dates must be the 1st of their month"
          : "with datePrecision YEAR, dates must be 1 January",
      );
    }
  }
  if (e.hasMotion && e.kind !== EventKind.VOTE) {
    v.fail(blame.motion, `only VOTE events have a motion; this one is ${e.kind}`);
  }
}

export function checkLocation(v: Validator, prefix: string, loc: LocationInput): void {
  v.text(`${prefix}.name`, loc.name, { max: 300 });
  v.text(`${prefix}.adminRegion`, loc.adminRegion, { max: 300 });
  v.countryCode(`${prefix}.countryCode`, loc.countryCode);
  v.range(`${prefix}.latitude`, loc.latitude, -90, 90);
  v.range(`${prefix}.longitude`, loc.longitude, -180, 180);
  const hasLat = loc.latitude != null;
  const hasLon = loc.longitude != null;
  if (hasLat !== hasLon) {
    v.fail(hasLat ? `${prefix}.longitude` : `${prefix}.latitude`, "latitude and longitude must be given together");
  }
}

/** The location_* columns for a location input; null clears them all. */
export function locationColumns(loc: LocationInput | null | undefined): Record<string, unknown> {
  return {
    locationName: loc?.name?.trim() || null,
    locationAdminRegion: loc?.adminRegion?.trim() || null,
    locationCountryCode: loc?.countryCode ?? null,
    locationLatitude: loc?.latitude ?? null,
    locationLongitude: loc?.longitude ?? null,
    locationPrecision: loc?.precision ?? null,
  };
}

/** The location of an event row, or null when none of its location columns is set. */
export function locationOf(e: {
  locationName: string | null;
  locationAdminRegion: string | null;
  locationCountryCode: string | null;
  locationLatitude: number | null;
  locationLongitude: number | null;
  locationPrecision: Location["precision"];
}): Location | null {
  const loc: Location = {
    name: e.locationName,
    adminRegion: e.locationAdminRegion,
    countryCode: e.locationCountryCode,
    latitude: e.locationLatitude,
    longitude: e.locationLongitude,
    precision: e.locationPrecision,
  };
  return Object.values(loc).every((x) => x === null || x === undefined) ? null : loc;
}

export function checkParticipant(v: Validator, prefix: string, p: EventParticipantInput): void {
  if (!p.stakeholder) v.fail(`${prefix}stakeholder`, "is required");
  else v.slug(`${prefix}stakeholder`, p.stakeholder);
  v.text(`${prefix}note`, p.note, { max: NOTE_MAX });
}

/**
 * Counts are non-negative, at least one is given, and low ≤ best ≤ high.
 * `prefix` ends with a dot (`fatalityClaims[0].`) or is empty.
 */
export function checkFatalityCounts(
  v: Validator,
  prefix: string,
  c: { low?: number | null; best?: number | null; high?: number | null },
  /** Which count fields the client sent; the others come from the stored row. */
  sent: { low: boolean; best: boolean; high: boolean } = { low: true, best: true, high: true },
): void {
  const { low, best, high } = c;
  for (const f of ["low", "best", "high"] as const) {
    const n = c[f];
    if (n != null && (!Number.isInteger(n) || n < 0)) v.fail(`${prefix}${f}`, "must be a whole number, 0 or more");
  }
  if (low == null && best == null && high == null) {
    v.fail(prefix ? prefix.slice(0, -1) : "", "give at least one of low, best and high");
  }
  const blame = (a: "low" | "best" | "high", b: "low" | "best" | "high") => (sent[b] || !sent[a] ? `${prefix}${b}` : `${prefix}${a}`);
  if (low != null && best != null && low > best) v.fail(blame("low", "best"), `must not be below low (${low})`);
  else if (best != null && high != null && best > high) v.fail(blame("best", "high"), `must not be below best (${best})`);
  else if (low != null && high != null && low > high) v.fail(blame("low", "high"), `must not be below low (${low})`);
}

export function checkFatalityClaim(v: Validator, prefix: string, c: FatalityClaimInput): void {
  v.slug(`${prefix}claimant`, c.claimant);
  v.slug(`${prefix}source`, c.source);
  v.text(`${prefix}note`, c.note, { max: NOTE_MAX });
  checkFatalityCounts(v, prefix, c);
}

export function checkRelation(v: Validator, prefix: string, r: EventRelationInput, selfSlug: string | null): void {
  if (!r.event) v.fail(`${prefix}event`, "is required");
  else v.slug(`${prefix}event`, r.event);
  if (selfSlug && r.event === selfSlug) v.fail(`${prefix}event`, "an event cannot be related to itself");
}

/** Reports every list item that repeats an earlier one (same key). */
export function checkNoRepeats<T>(v: Validator, list: string, items: T[] | null | undefined, keyOf: (item: T) => string): void {
  const seen = new Map<string, number>();
  items?.forEach((item, i) => {
    const key = keyOf(item);
    const first = seen.get(key);
    if (first !== undefined) v.fail(`${list}[${i}]`, `repeats ${list}[${first}]`);
    else seen.set(key, i);
  });
}

/** The kind of an event, or null when it does not exist. */
export async function eventKind(manager: EntityManager, id: string): Promise<EventKind | null> {
  const rows: Array<{ kind: EventKind }> = await queryObjects(manager, `SELECT kind FROM event WHERE id = $1`, [id]);
  return rows[0]?.kind ?? null;
}
