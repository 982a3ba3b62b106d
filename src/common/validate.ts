/**
 * Input validation that reports every problem at once, each with the path of
 * the field (`input.events[1].relation`), as BAD_USER_INPUT.
 */
import { FieldIssue, badInput } from "../errors";
import { DatePrecision, periodStart } from "./enums";
import { isIsoDate } from "./scalars";

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COUNTRY = /^[A-Z]{3}$/;
const LANGUAGE = /^[a-z]{2,3}$/;

/**
 * The problem with a date that claims more than its precision (see
 * `periodStart`), phrased for an API client; null when there is none.
 */
export function datePrecisionIssue(date: string, precision: DatePrecision): string | null {
  if (!isIsoDate(date) || periodStart(date, precision) === date) return null;
  return precision === DatePrecision.MONTH
    ? `is ${date}, but with datePrecision MONTH only the month is known, so the date must be the 1st of that month: send ${periodStart(date, precision)}`
    : `is ${date}, but with datePrecision YEAR only the year is known, so the date must be 1 January of that year: send ${periodStart(date, precision)}`;
}

export class Validator {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly root = "input") {}

  /** Path of a field below the root, e.g. `input.location.countryCode`. */
  path(field: string): string {
    return field ? `${this.root}.${field}` : this.root;
  }

  fail(field: string, message: string): void {
    this.issues.push({ path: this.path(field), message });
  }

  slug(field: string, value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    if (!SLUG.test(value) || value.length > 100) {
      this.fail(field, "must be lowercase words joined by single hyphens (a-z, 0-9), at most 100 characters");
    }
  }

  text(field: string, value: string | null | undefined, opts: { required?: boolean; max?: number } = {}): void {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, "is required");
      return;
    }
    if (opts.required && value.trim() === "") this.fail(field, "must not be empty");
    if (opts.max !== undefined && value.length > opts.max) this.fail(field, `must be at most ${opts.max} characters`);
  }

  date(field: string, value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    if (!isIsoDate(value)) this.fail(field, "must be a calendar date written YYYY-MM-DD");
  }

  /** `from` must not be after `to` (both optional). */
  dateRange(fromField: string, from: string | null | undefined, toField: string, to: string | null | undefined): void {
    if (from && to && isIsoDate(from) && isIsoDate(to) && from > to) {
      this.fail(toField, `must not be before ${fromField} (${from})`);
    }
  }

  countryCode(field: string, value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    if (!COUNTRY.test(value)) this.fail(field, "must be an ISO 3166-1 alpha-3 code in capitals, e.g. MLI");
  }

  language(field: string, value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    if (!LANGUAGE.test(value)) this.fail(field, "must be an ISO 639 language code in lower case, e.g. fr");
  }

  range(field: string, value: number | null | undefined, min: number, max: number): void {
    if (value === undefined || value === null) return;
    if (!Number.isFinite(value) || value < min || value > max) this.fail(field, `must be between ${min} and ${max}`);
  }

  url(field: string, value: string | null | undefined): void {
    if (value === undefined || value === null) return;
    if (!/^https?:\/\/\S+$/.test(value)) this.fail(field, "must be an http(s) URL");
  }

  /** Throws BAD_USER_INPUT with every issue collected so far. */
  done(): void {
    if (this.issues.length) throw badInput(this.issues);
  }
}
