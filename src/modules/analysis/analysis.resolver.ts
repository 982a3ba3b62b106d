/**
 * The analyses: root fields (alignment, stanceHistory, timeline) and fields
 * they add to events, positions and propositions. Each type gets its own
 * resolver class, next to the module's own resolver for that type.
 */
import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { DateScalar } from "../../common/scalars";
import { notFound } from "../../errors";
import { Context } from "../../server/context";
import { Event, EventKind } from "../event/event.entity";
import { Position } from "../position/position.entity";
import { Proposition } from "../proposition/proposition.entity";
import { AlignmentArgs, MAX_WITHIN_DAYS, TimelineArgs } from "./analysis.args";
import {
  ballotsByEvent,
  precedingEventsByPosition,
  propositionIdBySlug,
  reactionsByEvent,
  stanceSummaryByProposition,
} from "./analysis.loaders";
import { ArgValidator, selects } from "./analysis.rules";
import {
  AlignmentNetwork,
  BallotVersusWords,
  PrecedingEvent,
  Reaction,
  StanceHistoryEntry,
  StanceSummary,
  TimelineConnection,
} from "./analysis.types";
import { alignment } from "./alignment.service";
import { stanceHistory } from "./stance-history.service";
import { timeline } from "./timeline.service";

function checkWindow(withinDays: number): void {
  const v = new ArgValidator();
  v.integer("withinDays", withinDays, 0, MAX_WITHIN_DAYS);
  v.done();
}

@Resolver()
export class AnalysisResolver {
  @Query(() => AlignmentNetwork, {
    description:
      "Who agrees with whom (DNA's actor congruence / conflict / subtract networks). For each stakeholder only its " +
      "latest position per proposition inside [from, to] counts, and only SUPPORT and OPPOSE make edges.",
  })
  alignment(@Args() args: AlignmentArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<AlignmentNetwork> {
    return alignment(ctx, args, {
      propositions: selects(info, ["edges", "propositions"]),
      edgeCount: selects(info, ["edgeCount"]),
      nodes: selects(info, ["nodes"]),
    });
  }

  @Query(() => [StanceHistoryEntry], {
    description: "Every position of a stakeholder on a proposition, oldest first, marking where the stance changed.",
  })
  stanceHistory(
    @Arg("stakeholder", { description: "Stakeholder slug." }) stakeholder: string,
    @Arg("proposition", { description: "Proposition slug." }) proposition: string,
    @Ctx() ctx: Context,
  ): Promise<StanceHistoryEntry[]> {
    return stanceHistory(ctx, stakeholder, proposition);
  }

  @Query(() => TimelineConnection, {
    description:
      "Events (by start date) and positions (by statement date) interleaved, oldest first; on one day events come first.",
  })
  timeline(@Args() args: TimelineArgs, @Ctx() ctx: Context): Promise<TimelineConnection> {
    return timeline(ctx, args);
  }
}

@Resolver(() => Event)
export class EventAnalysisResolver {
  @FieldResolver(() => [Reaction], {
    description: "Positions stated from the event's start date to `withinDays` days later, soonest first.",
  })
  reactions(
    @Parent() e: Event,
    @Arg("withinDays", () => Int, { defaultValue: 30, description: `0 to ${MAX_WITHIN_DAYS}.` }) withinDays: number,
    @Arg("first", () => Int, { nullable: true, description: "How many (default 20, at most 100)." }) first: number | null,
    @Arg("linked", () => Boolean, {
      nullable: true,
      description: "true: only positions tied to this event; false: only the others; left out: both.",
    })
    linked: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Reaction[]> {
    checkWindow(withinDays);
    return reactionsByEvent(ctx, { withinDays, first, linked }).load(e.id);
  }

  @FieldResolver(() => [BallotVersusWords], {
    description:
      "For a VOTE event: each ballot next to the voter's latest stated position (on or before the vote date) on the motion, " +
      "or on `proposition` when given. Empty for other events and for votes without a motion.",
  })
  async ballotsVersusWords(
    @Parent() e: Event,
    @Arg("proposition", () => String, {
      nullable: true,
      description: "Compare the ballots with this proposition (slug) instead of the motion.",
    })
    proposition: string | null,
    @Arg("yesOpposes", () => Boolean, {
      defaultValue: false,
      description:
        "Set when `proposition` is the contrary of the motion (e.g. 'the mission should continue' against a " +
        "termination vote): a YES ballot then agrees with OPPOSE and a NO ballot with SUPPORT.",
    })
    yesOpposes: boolean,
    @Ctx() ctx: Context,
  ): Promise<BallotVersusWords[]> {
    let propositionId: string | null = null;
    if (proposition !== null && proposition !== undefined) {
      propositionId = await propositionIdBySlug(ctx).load(proposition);
      if (!propositionId) throw notFound("Proposition", proposition, "proposition");
    }
    return ballotsByEvent(ctx, propositionId, yesOpposes).load(e.id);
  }
}

@Resolver(() => Position)
export class PositionAnalysisResolver {
  @FieldResolver(() => [PrecedingEvent], {
    description: "Events that started from `withinDays` days before this position's date up to that date, closest first.",
  })
  precedingEvents(
    @Parent() p: Position,
    @Arg("withinDays", () => Int, { defaultValue: 30, description: `0 to ${MAX_WITHIN_DAYS}.` }) withinDays: number,
    @Arg("first", () => Int, { nullable: true, description: "How many (default 20, at most 100)." }) first: number | null,
    @Arg("linked", () => Boolean, {
      nullable: true,
      description: "true: only events this position is tied to; false: only the others; left out: both.",
    })
    linked: boolean | null,
    @Arg("kinds", () => [EventKind], { nullable: true }) kinds: EventKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<PrecedingEvent[]> {
    checkWindow(withinDays);
    return precedingEventsByPosition(ctx, { withinDays, first, linked, kinds }).load(p.id);
  }
}

@Resolver(() => Proposition)
export class PropositionAnalysisResolver {
  @FieldResolver(() => StanceSummary, {
    description: "Stance counts from each stakeholder's latest position on or before `at` (default: today).",
  })
  stanceSummary(
    @Parent() p: Proposition,
    @Arg("at", () => DateScalar, { nullable: true }) at: string | null,
    @Ctx() ctx: Context,
  ): Promise<StanceSummary> {
    return stanceSummaryByProposition(ctx, at ?? null).load(p.id);
  }
}

/** Every resolver class of the analyses, for src/server/resolvers.ts. */
export const ANALYSIS_RESOLVERS = [
  AnalysisResolver,
  EventAnalysisResolver,
  PositionAnalysisResolver,
  PropositionAnalysisResolver,
] as const;
