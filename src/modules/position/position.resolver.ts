import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { parseId } from "../../common/crud";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Event } from "../event/event.entity";
import { eventById } from "../event/event.loaders";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { Position, PositionEventLink, PositionEventRelation } from "./position.entity";
import {
  CreatePositionInput,
  LinkPositionToEventInput,
  PositionFilter,
  RecordPositionInput,
  UpdatePositionInput,
} from "./position.inputs";
import { eventLinksByPosition, positionById } from "./position.loaders";
import {
  createPosition,
  deletePosition,
  linkPositionToEvent,
  listPositions,
  recordPosition,
  unlinkPositionFromEvent,
  updatePosition,
} from "./position.service";
import { PositionConnection } from "./position.types";
import { connectionColumnsFor } from "../../common/selection";
import { guaranteed } from "../../common/loader-registry";

/** Root fields and mutations for positions, and the fields that lead from a position to its references. */
@Resolver(() => Position)
export class PositionResolver {
  @Query(() => Position, { nullable: true, description: "A position by its global ID; null if there is none." })
  position(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Position | null> {
    return positionById(ctx).load(parseId(id, "Position", "id"));
  }

  @Query(() => PositionConnection, {
    description:
      "Positions, newest statement first (ties by id), filtered. Slugs in the filter that name nothing match no position; they are not an error.",
  })
  positions(
    @Arg("filter", () => PositionFilter, { nullable: true }) filter: PositionFilter | null,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<PositionConnection> {
    return listPositions(ctx.manager, filter, page, connectionColumnsFor(info, ctx.manager, Position));
  }

  @FieldResolver(() => Stakeholder, { description: "Who holds the position." })
  stakeholder(@Parent() p: Position, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    // The foreign key guarantees the row.
    return guaranteed(stakeholderById(ctx, info).load(p.stakeholderId));
  }

  @FieldResolver(() => Proposition)
  proposition(@Parent() p: Position, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Proposition> {
    return guaranteed(propositionById(ctx, info).load(p.propositionId));
  }

  @FieldResolver(() => Stakeholder, { nullable: true, description: "The person who said it, when known." })
  speaker(@Parent() p: Position, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder | null> | null {
    return p.speakerId ? stakeholderById(ctx, info).load(p.speakerId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where it was said or reported; see `locator`." })
  source(@Parent() p: Position, @Ctx() ctx: Context): Promise<Source | null> | null {
    return p.sourceId ? sourceById(ctx).load(p.sourceId) : null;
  }

  @FieldResolver(() => [PositionEventLink], { description: "The events this position is tied to, oldest link first." })
  events(
    @Parent() p: Position,
    @Arg("relation", () => [PositionEventRelation], { nullable: true }) relation: PositionEventRelation[] | null,
    @Args() { first }: LimitArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<PositionEventLink[]> {
    return eventLinksByPosition(ctx, relation, first, info).load(p.id);
  }

  @Mutation(() => Position, { description: "Creates a position citing an existing source, if any (editor)." })
  async createPosition(@Arg("input") input: CreatePositionInput, @Ctx() ctx: Context): Promise<Position> {
    return createPosition(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Position, {
    description:
      "Records a position with its source (existing or new) and its event links in one transaction: all of it is written, or nothing (editor).",
  })
  async recordPosition(@Arg("input") input: RecordPositionInput, @Ctx() ctx: Context): Promise<Position> {
    return recordPosition(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Position, { description: "Changes a position (editor)." })
  async updatePosition(@Arg("input") input: UpdatePositionInput, @Ctx() ctx: Context): Promise<Position> {
    return updatePosition(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a position and its event links (admin)." })
  async deletePosition(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deletePosition(ctx.manager, id, version) };
  }

  @Mutation(() => PositionEventLink, { description: "Ties an existing position to an event (editor)." })
  async linkPositionToEvent(@Arg("input") input: LinkPositionToEventInput, @Ctx() ctx: Context): Promise<PositionEventLink> {
    return linkPositionToEvent(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Removes one link between a position and an event (admin, like every delete)." })
  async unlinkPositionFromEvent(
    @Arg("id", () => ID, { description: "Global ID of the PositionEventLink." }) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await unlinkPositionFromEvent(ctx.manager, id, version) };
  }
}

/** The two ends of a position–event link. */
@Resolver(() => PositionEventLink)
export class PositionEventLinkResolver {
  @FieldResolver(() => Position)
  position(@Parent() l: PositionEventLink, @Ctx() ctx: Context): Promise<Position> {
    return guaranteed(positionById(ctx).load(l.positionId));
  }

  @FieldResolver(() => Event)
  event(@Parent() l: PositionEventLink, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return guaranteed(eventById(ctx, info).load(l.eventId));
  }
}
