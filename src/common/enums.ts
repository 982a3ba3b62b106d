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
