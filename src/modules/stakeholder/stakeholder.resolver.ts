import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { DateScalar } from "../../common/scalars";
import { Context } from "../../server/context";
import { Affiliation, AffiliationKind } from "../affiliation/affiliation.entity";
import { affiliationsBy } from "../affiliation/affiliation.loaders";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { EventParticipant, ParticipantRole } from "../event/event.entity";
import { participantsBy } from "../event/event.loaders";
import { Position, Stance } from "../position/position.entity";
import { positionsBy } from "../position/position.loaders";
import { Vote } from "../vote/vote.entity";
import { votesBy } from "../vote/vote.loaders";
import { Stakeholder } from "./stakeholder.entity";
import { CreateStakeholderInput, StakeholderFilter, UpdateStakeholderInput } from "./stakeholder.inputs";
import { stakeholderBySlug } from "./stakeholder.loaders";
import {
  createStakeholder,
  deleteStakeholder,
  listStakeholders,
  updateStakeholder,
} from "./stakeholder.service";
import { StakeholderConnection } from "./stakeholder.types";
import { connectionColumnsFor } from "../../common/selection";

@Resolver(() => Stakeholder)
export class StakeholderResolver {
  @Query(() => Stakeholder, { nullable: true, description: "A stakeholder by slug, e.g. `mali-transitional-government`." })
  stakeholder(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Stakeholder | null> {
    return stakeholderBySlug(ctx).load(slug);
  }

  @Query(() => StakeholderConnection, { description: "Stakeholders by slug, filtered." })
  stakeholders(
    @Arg("filter", () => StakeholderFilter, { nullable: true }) filter: StakeholderFilter | null,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<StakeholderConnection> {
    return listStakeholders(ctx.manager, filter, page, connectionColumnsFor(info, ctx.manager, Stakeholder));
  }

  @FieldResolver(() => [Position], { description: "Positions this stakeholder took, newest first." })
  positions(
    @Parent() s: Stakeholder,
    @Args() { first }: LimitArgs,
    @Arg("stance", () => [Stance], { nullable: true }) stance: Stance[] | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<Position[]> {
    return positionsBy(ctx, "stakeholder_id", { first, stance }, info).load(s.id);
  }

  @FieldResolver(() => [Position], { description: "Positions this person stated as speaker, newest first." })
  spokenPositions(@Parent() s: Stakeholder, @Args() { first }: LimitArgs, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Position[]> {
    return positionsBy(ctx, "speaker_id", { first }, info).load(s.id);
  }

  @FieldResolver(() => [Affiliation], {
    description: "Relations in which this stakeholder is the subject (it is a member of, represents…).",
  })
  affiliations(
    @Parent() s: Stakeholder,
    @Arg("at", () => DateScalar, { nullable: true, description: "Only relations that hold on this date." }) at: string | null,
    @Arg("kind", () => [AffiliationKind], { nullable: true }) kind: AffiliationKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<Affiliation[]> {
    return affiliationsBy(ctx, "subject_id", { at, kind }).load(s.id);
  }

  @FieldResolver(() => [Affiliation], {
    description: "Relations in which this stakeholder is the object (its members, representatives…).",
  })
  members(
    @Parent() s: Stakeholder,
    @Arg("at", () => DateScalar, { nullable: true, description: "Only relations that hold on this date." }) at: string | null,
    @Arg("kind", () => [AffiliationKind], { nullable: true }) kind: AffiliationKind[] | null,
    @Ctx() ctx: Context,
  ): Promise<Affiliation[]> {
    return affiliationsBy(ctx, "object_id", { at, kind }).load(s.id);
  }

  @FieldResolver(() => [EventParticipant], { description: "Events this stakeholder took part in, newest first." })
  events(
    @Parent() s: Stakeholder,
    @Arg("role", () => [ParticipantRole], { nullable: true }) role: ParticipantRole[] | null,
    @Args() { first }: LimitArgs,
    @Ctx() ctx: Context,
  ): Promise<EventParticipant[]> {
    return participantsBy(ctx, "stakeholder_id", { role, first }).load(s.id);
  }

  @FieldResolver(() => [Vote], { description: "Ballots this stakeholder cast, newest first." })
  votes(@Parent() s: Stakeholder, @Ctx() ctx: Context): Promise<Vote[]> {
    return votesBy(ctx, "stakeholder_id").load(s.id);
  }

  @Mutation(() => Stakeholder)
  async createStakeholder(@Arg("input") input: CreateStakeholderInput, @Ctx() ctx: Context): Promise<Stakeholder> {
    return createStakeholder(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Stakeholder)
  async updateStakeholder(@Arg("input") input: UpdateStakeholderInput, @Ctx() ctx: Context): Promise<Stakeholder> {
    return updateStakeholder(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a stakeholder that no position, vote or event refers to (admin)." })
  async deleteStakeholder(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteStakeholder(ctx.manager, id, version) };
  }
}
