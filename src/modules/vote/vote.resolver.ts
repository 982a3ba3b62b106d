import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Event } from "../event/event.entity";
import { eventById } from "../event/event.loaders";
import { Position } from "../position/position.entity";
import { positionById } from "../position/position.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { Vote } from "./vote.entity";
import { CastVoteInput, UpdateVoteInput } from "./vote.inputs";
import { castVote, deleteVote, updateVote } from "./vote.service";
import { required } from "../../common/loader-registry";

@Resolver(() => Vote)
export class VoteResolver {
  @FieldResolver(() => Event)
  event(@Parent() v: Vote, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Event> {
    return required(eventById(ctx, info).load(v.eventId), `event ${v.eventId}`);
  }

  @FieldResolver(() => Stakeholder)
  stakeholder(@Parent() v: Vote, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    return required(stakeholderById(ctx, info).load(v.stakeholderId), `stakeholder ${v.stakeholderId}`);
  }

  @FieldResolver(() => Position, { nullable: true, description: "The voter's position that explains the ballot." })
  explanation(@Parent() v: Vote, @Ctx() ctx: Context): Promise<Position | null> | null {
    return v.explanationId ? positionById(ctx).load(v.explanationId) : null;
  }

  @Mutation(() => Vote, { description: "Records a stakeholder's ballot on a VOTE event; one per stakeholder and event." })
  async castVote(@Arg("input") input: CastVoteInput, @Ctx() ctx: Context): Promise<Vote> {
    return castVote(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Vote)
  async updateVote(@Arg("input") input: UpdateVoteInput, @Ctx() ctx: Context): Promise<Vote> {
    return updateVote(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a ballot (admin)." })
  async deleteVote(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteVote(ctx.manager, id, version) };
  }
}
