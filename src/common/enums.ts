/** Enums shared by several modules. */
import { registerEnumType } from "type-graphql";

export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How much of a date is known: a MONTH date is stored as the 1st, a YEAR date as 1 January.",
});

/**
 * The date a value of `precision` must be written as: a date known only to
 * the month or year is stored as the first day of that period, so sorting and
 * range filters treat it consistently. `date` is YYYY-MM-DD.
 */
export function periodStart(date: string, precision: DatePrecision): string {
  if (precision === DatePrecision.MONTH) return `${date.slice(0, 8)}01`;
  if (precision === DatePrecision.YEAR) return `${date.slice(0, 4)}-01-01`;
  return date;
}
