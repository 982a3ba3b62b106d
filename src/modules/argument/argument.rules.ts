/**
 * Input rules for arguments, shared by create and update so both report the
 * same problems at the same paths.
 */
import { DatePrecision } from "../../common/enums";
import { Validator, datePrecisionIssue } from "../../common/validate";

/** Most premises one argument may have. */
export const MAX_PREMISES = 50;

/** The writable fields of an argument as an input carries them (slugs for references). */
export interface ArgumentFields {
  slug?: string | null;
  author?: string | null;
  premises?: string[] | null;
  conclusion?: string | null;
  scheme?: string | null;
  quote?: string | null;
  quoteLanguage?: string | null;
  speaker?: string | null;
  source?: string | null;
  locator?: string | null;
  statedOn?: string | null;
  datePrecision?: DatePrecision | null;
  note?: string | null;
}

const REQUIRED = ["slug", "author", "premises", "conclusion"] as const;

/** Checks each field on its own, and premises against each other and the conclusion when both are sent. */
export function validateArgumentFields(v: Validator, input: ArgumentFields, creating: boolean): void {
  for (const f of REQUIRED) {
    if (creating && (input[f] === undefined || input[f] === null)) v.fail(f, "is required");
    if (!creating && input[f] === null) v.fail(f, "cannot be null");
  }
  if (!creating && input.datePrecision === null) v.fail("datePrecision", "cannot be null");
  v.slug("slug", input.slug);
  v.text("author", input.author, { required: input.author != null });
  v.text("conclusion", input.conclusion, { required: input.conclusion != null });
  if (input.premises) {
    if (!input.premises.length) v.fail("premises", "must name at least one proposition");
    if (input.premises.length > MAX_PREMISES) v.fail("premises", `must name at most ${MAX_PREMISES} propositions`);
    const seen = new Map<string, number>();
    input.premises.forEach((slug, i) => {
      v.text(`premises[${i}]`, slug, { required: true });
      const first = seen.get(slug);
      if (first !== undefined) v.fail(`premises[${i}]`, `repeats premises[${first}] ("${slug}")`);
      else seen.set(slug, i);
    });
    const asPremise = input.conclusion != null ? seen.get(input.conclusion) : undefined;
    if (asPremise !== undefined) {
      v.fail("conclusion", `is also premises[${asPremise}]: an argument cannot assume what it concludes`);
    }
  }
  if (input.scheme != null) v.slug("scheme", input.scheme);
  v.text("quote", input.quote, { required: input.quote != null, max: 20000 });
  v.language("quoteLanguage", input.quoteLanguage);
  v.text("locator", input.locator, { max: 500 });
  v.text("note", input.note, { max: 5000 });
  v.date("statedOn", input.statedOn);
}

/**
 * Checks the rules that tie fields together on the values the row will have
 * (for an update: the stored row with the change applied).
 */
export function validateArgumentConsistency(
  v: Validator,
  row: { statedOn: string | null; datePrecision: DatePrecision; quote: string | null; quoteLanguage: string | null },
): void {
  const issue = row.statedOn ? datePrecisionIssue(row.statedOn, row.datePrecision) : null;
  if (issue) v.fail("statedOn", issue);
  if (row.quote !== null && row.quoteLanguage === null) {
    v.fail("quoteLanguage", "is required with a quote: give the ISO 639 code of the language it is in, e.g. fr");
  }
}

