/**
 * Input rules for positions, shared by create, record and update, so that
 * every write path reports the same problems at the same paths.
 */
import { DatePrecision } from "../../common/enums";
import { Validator, datePrecisionIssue } from "../../common/validate";
import { RecordPositionEventInput, RecordPositionSourceInput } from "./position.inputs";

/** Most event links one `recordPosition` may carry. */
export const MAX_EVENT_LINKS = 50;

/** The writable fields of a position as an input carries them (slugs for references). */
export interface PositionFields {
  stakeholder?: string | null;
  proposition?: string | null;
  stance?: string | null;
  statedOn?: string | null;
  datePrecision?: DatePrecision | null;
  quote?: string | null;
  quoteLanguage?: string | null;
  speaker?: string | null;
  source?: string | null;
  locator?: string | null;
  confidence?: number | null;
  note?: string | null;
  slug?: string | null;
}

/** Fields an update may leave out but never set to null. */
const REQUIRED_ON_UPDATE = ["stakeholder", "proposition", "stance", "statedOn", "datePrecision", "confidence"] as const;

/** Checks each field on its own; `creating` decides whether omitted required fields are errors. */
export function validatePositionFields(v: Validator, input: PositionFields, creating: boolean): void {
  if (creating) {
    v.text("stakeholder", input.stakeholder, { required: true });
    v.text("proposition", input.proposition, { required: true });
  } else {
    for (const f of REQUIRED_ON_UPDATE) if (input[f] === null) v.fail(f, "cannot be null");
  }
  v.slug("slug", input.slug);
  v.date("statedOn", input.statedOn);
  v.text("quote", input.quote, { required: input.quote !== undefined && input.quote !== null, max: 20000 });
  v.language("quoteLanguage", input.quoteLanguage);
  v.text("locator", input.locator, { max: 500 });
  v.text("note", input.note, { max: 5000 });
  v.range("confidence", input.confidence, 0, 1);
}

/**
 * Checks the rules that tie fields together, on the values the row will have
 * (for an update: the stored row with the patch applied).
 */
export function validatePositionConsistency(
  v: Validator,
  row: { statedOn: string; datePrecision: DatePrecision; quote: string | null; quoteLanguage: string | null },
): void {
  const issue = datePrecisionIssue(row.statedOn, row.datePrecision);
  if (issue) v.fail("statedOn", issue);
  if (row.quote !== null && row.quoteLanguage === null) {
    v.fail("quoteLanguage", "is required with a quote: give the ISO 639 code of the language it is in, e.g. fr");
  }
}


/** Checks a source to be created with a position; `field` is its path below the input. */
export function validateNewSource(v: Validator, field: string, s: RecordPositionSourceInput): void {
  v.slug(`${field}.slug`, s.slug);
  v.text(`${field}.title`, s.title, { required: true, max: 1000 });
  v.text(`${field}.publisher`, s.publisher, { max: 300 });
  v.text(`${field}.author`, s.author, { max: 300 });
  v.date(`${field}.publishedOn`, s.publishedOn);
  v.url(`${field}.url`, s.url);
  v.text(`${field}.documentSymbol`, s.documentSymbol, { max: 100 });
  v.language(`${field}.language`, s.language);
}

/** Checks event links: notes, their number, and that no event + relation pair repeats. */
export function validateEventLinks(v: Validator, field: string, links: RecordPositionEventInput[]): void {
  if (links.length > MAX_EVENT_LINKS) v.fail(field, `must have at most ${MAX_EVENT_LINKS} links`);
  const seen = new Map<string, number>();
  links.forEach((l, i) => {
    v.text(`${field}[${i}].event`, l.event, { required: true });
    v.text(`${field}[${i}].note`, l.note, { max: 5000 });
    const key = `${l.event}\u0000${l.relation}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else v.fail(`${field}[${i}]`, `repeats ${v.path(`${field}[${first}]`)}: event "${l.event}" with relation ${l.relation}`);
  });
}
