/** Output types of the analyses: networks, histories, reactions, timelines, summaries, ballots. */
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { DateScalar } from "../../common/scalars";
import { Event } from "../event/event.entity";
import { Position, PositionEventRelation, Stance } from "../position/position.entity";
import { Proposition } from "../proposition/proposition.entity";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { Vote, VoteChoice } from "../vote/vote.entity";

export enum AlignmentMode {
  CONGRUENCE = "CONGRUENCE",
  CONFLICT = "CONFLICT",
  SUBTRACT = "SUBTRACT",
}
registerEnumType(AlignmentMode, {
  name: "AlignmentMode",
  description: "How an edge is weighted (the actor networks of DNA, the Discourse Network Analyzer).",
  valuesConfig: {
    CONGRUENCE: { description: "Propositions on which both stakeholders' latest stances agree." },
    CONFLICT: { description: "Propositions on which one supports and the other opposes." },
    SUBTRACT: { description: "Agreements minus disagreements; may be negative." },
  },
});

@ObjectType({ description: "A stakeholder in an alignment network." })
export class AlignmentNode {
  @Field(() => Stakeholder)
  stakeholder: Stakeholder;

  @Field(() => Int, {
    description: "Propositions on which the stakeholder has a position in the window (its latest one counts, whatever the stance).",
  })
  positionCount: number;

  @Field(() => Int, { description: "Of those, the ones whose latest stance is SUPPORT or OPPOSE: the ones that make edges." })
  decidedCount: number;
}

@ObjectType({ description: "Two stakeholders and the propositions on which they agree or disagree; `source` < `target` by id." })
export class AlignmentEdge {
  sourceId: string;
  targetId: string;
  /** Null when the client did not ask for `propositions`. */
  propositionIds: string[] | null;

  @Field(() => Stakeholder)
  source: Stakeholder;

  @Field(() => Stakeholder)
  target: Stakeholder;

  @Field(() => Int, { description: "CONGRUENCE: agreements; CONFLICT: disagreements; SUBTRACT: agreements − disagreements." })
  weight: number;

  @Field(() => Int, { description: "Propositions both SUPPORT or both OPPOSE." })
  agreements: number;

  @Field(() => Int, { description: "Propositions one SUPPORTs and the other OPPOSEs." })
  disagreements: number;

  @Field(() => [Proposition], {
    description: "The propositions behind the weight: agreed ones (CONGRUENCE), disputed ones (CONFLICT), or both (SUBTRACT).",
  })
  propositions: Proposition[];
}

@ObjectType({
  description:
    "Who agrees with whom: each stakeholder's latest position per proposition inside the window, paired on shared propositions. " +
    "Only SUPPORT and OPPOSE count: a NEUTRAL or MIXED latest stance makes no agreement and no disagreement.",
})
export class AlignmentNetwork {
  @Field(() => AlignmentMode)
  mode: AlignmentMode;

  @Field(() => DateScalar, { nullable: true })
  from: string | null;

  @Field(() => DateScalar, { nullable: true })
  to: string | null;

  @Field(() => [AlignmentNode], {
    description: "Stakeholders with a position in the window (and every named stakeholder), by slug.",
  })
  nodes: AlignmentNode[];

  @Field(() => [AlignmentEdge], { description: "Edges whose |weight| ≥ minWeight, by weight, highest first." })
  edges: AlignmentEdge[];

  @Field(() => Int, { description: "Edges that pass minWeight, before maxEdges cut the list." })
  edgeCount: number;

  @Field({ description: "True when maxEdges left edges out (the strongest |weight| are kept)." })
  truncated: boolean;
}

@ObjectType({ description: "One step of a stakeholder's stance history on a proposition." })
export class StanceHistoryEntry {
  @Field(() => Position)
  position: Position;

  @Field(() => Stance)
  stance: Stance;

  @Field(() => DateScalar)
  statedOn: string;

  @Field({ description: "The stance differs from the previous entry's (false for the first)." })
  changed: boolean;

  @Field(() => Stance, { nullable: true, description: "The previous entry's stance; null for the first." })
  previousStance: Stance | null;
}

@ObjectType({ description: "A position stated within some days after an event." })
export class Reaction {
  @Field(() => Position)
  position: Position;

  @Field(() => Int, { description: "Days from the event's start date to the statement (0 = same day)." })
  daysAfter: number;

  @Field({ description: "The position is explicitly tied to this event (a PositionEventLink)." })
  linked: boolean;

  @Field(() => [PositionEventRelation], { description: "How it is tied to this event; empty when not linked." })
  relations: PositionEventRelation[];
}

@ObjectType({ description: "An event that started within some days before a position was stated." })
export class PrecedingEvent {
  @Field(() => Event)
  event: Event;

  @Field(() => Int, { description: "Days from the event's start date to the statement (0 = same day)." })
  daysBefore: number;

  @Field({ description: "The position is explicitly tied to this event (a PositionEventLink)." })
  linked: boolean;

  @Field(() => [PositionEventRelation], { description: "How it is tied to this event; empty when not linked." })
  relations: PositionEventRelation[];
}

export enum TimelineItemKind {
  EVENT = "EVENT",
  POSITION = "POSITION",
}
registerEnumType(TimelineItemKind, { name: "TimelineItemKind" });

@ObjectType({ description: "An event (at its start date) or a position (at its statement date) on a timeline." })
export class TimelineItem {
  @Field(() => DateScalar)
  date: string;

  @Field(() => TimelineItemKind)
  kind: TimelineItemKind;

  @Field(() => Event, { nullable: true, description: "Set when kind is EVENT." })
  event: Event | null;

  @Field(() => Position, { nullable: true, description: "Set when kind is POSITION." })
  position: Position | null;
}

@ObjectType()
export class TimelineConnection extends ConnectionType(TimelineItem) {}

@ObjectType({ description: "How stakeholders stand on a proposition on a date: each stakeholder's latest position counts once." })
export class StanceSummary {
  @Field(() => DateScalar)
  at: string;

  @Field(() => Int)
  support: number;

  @Field(() => Int)
  oppose: number;

  @Field(() => Int)
  neutral: number;

  @Field(() => Int)
  mixed: number;

  @Field(() => Int, { description: "Stakeholders with a position on or before `at`." })
  total: number;
}

@ObjectType({ description: "A ballot next to what the voter said: votes against words." })
export class BallotVersusWords {
  stakeholderId: string;
  propositionId: string;

  @Field(() => Vote)
  vote: Vote;

  @Field(() => Stakeholder)
  stakeholder: Stakeholder;

  @Field(() => VoteChoice)
  choice: VoteChoice;

  @Field(() => Proposition, { description: "The proposition compared: the motion, or the one asked for." })
  proposition: Proposition;

  @Field(() => Position, {
    nullable: true,
    description: "The voter's latest position on the proposition on or before the vote date.",
  })
  statedPosition: Position | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "YES↔SUPPORT, NO↔OPPOSE, ABSTAIN↔NEUTRAL or MIXED. Null when there is no stated position, or for NOT_PRESENT.",
  })
  consistent: boolean | null;
}
