import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import {
  addEventParticipant,
  addFatalityClaim,
  deleteFatalityClaim,
  relateEvents,
  removeEventParticipant,
  unrelateEvents,
  updateFatalityClaim,
} from "./event-parts.service";
import { Event, EventParticipant, EventRelation, FatalityClaim } from "./event.entity";
import {
  AddEventParticipantInput,
  AddFatalityClaimInput,
  RelateEventsInput,
  UpdateFatalityClaimInput,
} from "./event.inputs";
import { eventById } from "./event.loaders";
import { required } from "../../common/loader-registry";

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Event)
  event(@Parent() p: EventParticipant, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return required(eventById(ctx, info).load(p.eventId), `event ${p.eventId}`);
  }

  @FieldResolver(() => Stakeholder)
  stakeholder(@Parent() p: EventParticipant, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    return required(stakeholderById(ctx, info).load(p.stakeholderId), `stakeholder ${p.stakeholderId}`);
  }

  @Mutation(() => EventParticipant, { description: "Adds a stakeholder to an event in a role." })
  async addEventParticipant(@Arg("input") input: AddEventParticipantInput, @Ctx() ctx: Context): Promise<EventParticipant> {
    return addEventParticipant(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Removes a participant (the EventParticipant's ID) from its event (admin)." })
  async removeEventParticipant(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await removeEventParticipant(ctx.manager, id, version) };
  }
}

@Resolver(() => FatalityClaim)
export class FatalityClaimResolver {
  @FieldResolver(() => Event)
  event(@Parent() c: FatalityClaim, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return required(eventById(ctx, info).load(c.eventId), `event ${c.eventId}`);
  }

  @FieldResolver(() => Stakeholder, { nullable: true, description: "Who makes the claim." })
  claimant(@Parent() c: FatalityClaim, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder | null> | null {
    return c.claimantId ? stakeholderById(ctx, info).load(c.claimantId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the claim is reported." })
  source(@Parent() c: FatalityClaim, @Ctx() ctx: Context): Promise<Source | null> | null {
    return c.sourceId ? sourceById(ctx).load(c.sourceId) : null;
  }

  @Mutation(() => FatalityClaim)
  async addFatalityClaim(@Arg("input") input: AddFatalityClaimInput, @Ctx() ctx: Context): Promise<FatalityClaim> {
    return addFatalityClaim(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => FatalityClaim)
  async updateFatalityClaim(@Arg("input") input: UpdateFatalityClaimInput, @Ctx() ctx: Context): Promise<FatalityClaim> {
    return updateFatalityClaim(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a fatality claim (admin)." })
  async deleteFatalityClaim(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteFatalityClaim(ctx.manager, id, version) };
  }
}

@Resolver(() => EventRelation)
export class EventRelationResolver {
  @FieldResolver(() => Event)
  from(@Parent() r: EventRelation, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return required(eventById(ctx, info).load(r.fromEventId), `event ${r.fromEventId}`);
  }

  @FieldResolver(() => Event)
  to(@Parent() r: EventRelation, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return required(eventById(ctx, info).load(r.toEventId), `event ${r.toEventId}`);
  }

  @Mutation(() => EventRelation, { description: "Records that `from` CAUSED / PRECEDED / is PART_OF `to`." })
  async relateEvents(@Arg("input") input: RelateEventsInput, @Ctx() ctx: Context): Promise<EventRelation> {
    return relateEvents(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Removes a relation between two events (the EventRelation's ID) (admin)." })
  async unrelateEvents(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await unrelateEvents(ctx.manager, id, version) };
  }
}
