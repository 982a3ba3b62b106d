/** Arguments of the analysis root fields, and their limits. */
import { ArgsType, Field, Int } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../common/connection";
import { DateScalar } from "../../common/scalars";
import { EventKind } from "../event/event.entity";
import { AlignmentMode, TimelineItemKind } from "./analysis.types";

/** Most stakeholders a filter may name. */
export const MAX_NAMED_STAKEHOLDERS = 500;
/** Most propositions a filter may name. */
export const MAX_NAMED_PROPOSITIONS = 1000;
export const DEFAULT_MAX_EDGES = 1000;
export const MAX_EDGES = 10_000;
/** Widest window of `reactions` / `precedingEvents`, in days (ten years). */
export const MAX_WITHIN_DAYS = 3650;

@ArgsType()
export class AlignmentArgs {
  @Field(() => [String], {
    nullable: true,
    description: `Stakeholder slugs (at most ${MAX_NAMED_STAKEHOLDERS}); left out or empty means all.`,
  })
  stakeholders?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `Proposition slugs (at most ${MAX_NAMED_PROPOSITIONS}); left out or empty means all.`,
  })
  propositions?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Positions stated on or after this date." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Positions stated on or before this date." })
  to?: string | null;

  @Field(() => AlignmentMode, { defaultValue: AlignmentMode.CONGRUENCE })
  mode: AlignmentMode;

  @Field(() => Int, { defaultValue: 1, description: "Smallest |weight| of an edge (0 keeps every pair that shares a proposition)." })
  minWeight: number;

  @Field(() => Int, {
    defaultValue: DEFAULT_MAX_EDGES,
    description: `Most edges returned (at most ${MAX_EDGES}); the strongest |weight| are kept and \`truncated\` says so.`,
  })
  maxEdges: number;
}

@ArgsType()
export class TimelineArgs {
  @Field(() => DateScalar, { nullable: true })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  to?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: `Stakeholder slugs (at most ${MAX_NAMED_STAKEHOLDERS}): their positions, and the events they took part in (as participant or voter).`,
  })
  stakeholders?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `Proposition slugs (at most ${MAX_NAMED_PROPOSITIONS}): only positions on these (events are not filtered).`,
  })
  propositions?: string[] | null;

  @Field(() => [EventKind], { nullable: true, description: "Only events of these kinds (positions are not filtered)." })
  kinds?: EventKind[] | null;

  @Field(() => [TimelineItemKind], { nullable: true, description: "Only events, or only positions; left out means both." })
  include?: TimelineItemKind[] | null;

  @Field(() => Int, {
    nullable: true,
    description: `How many items (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor from a previous page's `pageInfo.endCursor`." })
  after?: string | null;
}
