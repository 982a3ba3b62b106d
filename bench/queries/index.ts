/** The benchmark's queries, in the order they run. */
import { AnyQuery } from "../lib/types";
import { q1 } from "./q1-stakeholder";
import { q2 } from "./q2-positions-page";
import { q3 } from "./q3-deep-nesting";
import { q4 } from "./q4-argument-graph";
import { q5 } from "./q5-alignment";
import { q6 } from "./q6-record-position";

export const QUERIES: AnyQuery[] = [q1, q2, q3, q4, q5, q6];
