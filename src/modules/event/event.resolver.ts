import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Position, PositionEventLink, PositionEventRelation } from "../position/position.entity";
import { positionsByEvent } from "../position/position.loaders";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Vote } from "../vote/vote.entity";
import { votesBy } from "../vote/vote.loaders";
import { EventParticipantResolver, EventRelationResolver, FatalityClaimResolver } from "./event-parts.resolver";
import { Event, EventParticipant, EventRelation, FatalityClaim, Location, ParticipantRole } from "./event.entity";
import { CreateEventInput, EventFilter, UpdateEventInput } from "./event.inputs";
import {
  eventBySlug,
  fatalityClaimsByEvent,
  participantsBy,
  positionLinksByEvent,
  relationsBy,
} from "./event.loaders";
import { locationOf } from "./event.rules";
import { createEvent, deleteEvent, listEvents, updateEvent } from "./event.service";
import { EventConnection } from "./event.types";
import { connectionColumnsFor } from "../../common/selection";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: "An event by slug, e.g. `unsc-resolution-2690`." })
  event(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Event | null> {
    return eventBySlug(ctx).load(slug);
  }

  @Query(() => EventConnection, { description: "Events, oldest first (by start date), filtered." })
  events(
    @Arg("filter", () => EventFilter, { nullable: true }) filter: EventFilter | null,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<EventConnection> {
    return listEvents(ctx.manager, filter, page, connectionColumnsFor(info, ctx.manager, Event));
  }

  @FieldResolver(() => Location, { nullable: true, description: "Null when no location is recorded." })
  location(@Parent() e: Event): Location | null {
    return locationOf(e);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Parent() e: Event, @Ctx() ctx: Context): Promise<Source | null> | null {
    return e.sourceId ? sourceById(ctx).load(e.sourceId) : null;
  }

  @FieldResolver(() => Proposition, { nullable: true, description: "For VOTE events: the proposition a YES ballot supports." })
  motion(@Parent() e: Event, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Proposition | null> | null {
    return e.motionId ? propositionById(ctx, info).load(e.motionId) : null;
  }

  @FieldResolver(() => [EventParticipant], { description: "Who took part, by role." })
  participants(
    @Parent() e: Event,
    @Arg("role", () => [ParticipantRole], { nullable: true }) role: ParticipantRole[] | null,
    @Ctx() ctx: Context,
  ): Promise<EventParticipant[]> {
    return participantsBy(ctx, "event_id", { role }).load(e.id);
  }

  @FieldResolver(() => [FatalityClaim], { description: "Counts of the dead, one per claimant and source, highest first." })
  fatalityClaims(@Parent() e: Event, @Ctx() ctx: Context): Promise<FatalityClaim[]> {
    return fatalityClaimsByEvent(ctx).load(e.id);
  }

  @FieldResolver(() => [Vote], { description: "Ballots cast (VOTE events)." })
  votes(@Parent() e: Event, @Ctx() ctx: Context): Promise<Vote[]> {
    return votesBy(ctx, "event_id").load(e.id);
  }

  @FieldResolver(() => [Position], { description: "Positions linked to this event, newest first." })
  positions(
    @Parent() e: Event,
    @Arg("relation", () => [PositionEventRelation], { nullable: true }) relation: PositionEventRelation[] | null,
    @Args() { first }: LimitArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<Position[]> {
    return positionsByEvent(ctx, { relation, first }, info).load(e.id);
  }

  @FieldResolver(() => [PositionEventLink], { description: "How positions are tied to this event." })
  positionLinks(
    @Parent() e: Event,
    @Arg("relation", () => [PositionEventRelation], { nullable: true }) relation: PositionEventRelation[] | null,
    @Ctx() ctx: Context,
  ): Promise<PositionEventLink[]> {
    return positionLinksByEvent(ctx, relation).load(e.id);
  }

  @FieldResolver(() => [EventRelation], { description: "Events this one CAUSED, PRECEDED or is PART_OF." })
  related(@Parent() e: Event, @Ctx() ctx: Context): Promise<EventRelation[]> {
    return relationsBy(ctx, "from_event_id").load(e.id);
  }

  @FieldResolver(() => [EventRelation], { description: "Events that CAUSED, PRECEDED or are PART_OF this one." })
  relatedFrom(@Parent() e: Event, @Ctx() ctx: Context): Promise<EventRelation[]> {
    return relationsBy(ctx, "to_event_id").load(e.id);
  }

  @Mutation(() => Event, { description: "Creates an event with its location, participants, fatality claims and relations." })
  async createEvent(@Arg("input") input: CreateEventInput, @Ctx() ctx: Context): Promise<Event> {
    return createEvent(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Event)
  async updateEvent(@Arg("input") input: UpdateEventInput, @Ctx() ctx: Context): Promise<Event> {
    return updateEvent(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, {
    description: "Deletes an event with its participants, claims, relations and ballots; not while positions link to it (admin).",
  })
  async deleteEvent(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteEvent(ctx.manager, id, version) };
  }
}

/** Every resolver class of the event module, for src/server/resolvers.ts. */
export const EVENT_RESOLVERS = [EventResolver, EventParticipantResolver, FatalityClaimResolver, EventRelationResolver] as const;
