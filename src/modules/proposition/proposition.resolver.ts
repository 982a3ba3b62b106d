import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Position, Stance } from "../position/position.entity";
import { positionsBy } from "../position/position.loaders";
import { Proposition } from "./proposition.entity";
import { CreatePropositionInput, PropositionFilter, UpdatePropositionInput } from "./proposition.inputs";
import { propositionBySlug } from "./proposition.loaders";
import {
  createProposition,
  deleteProposition,
  listPropositions,
  updateProposition,
} from "./proposition.service";
import { PropositionConnection } from "./proposition.types";
import { connectionColumnsFor } from "../../common/selection";

/** `proposition`, `propositions`, `Proposition.positions` and the proposition mutations. */
@Resolver(() => Proposition)
export class PropositionResolver {
  @Query(() => Proposition, {
    nullable: true,
    description: "A proposition by slug, e.g. `minusma-should-withdraw-without-delay`.",
  })
  proposition(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Proposition | null> {
    return propositionBySlug(ctx).load(slug);
  }

  @Query(() => PropositionConnection, { description: "Propositions by slug, filtered." })
  propositions(
    @Arg("filter", () => PropositionFilter, { nullable: true }) filter: PropositionFilter | null,
    @Args() page: PageArgs,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<PropositionConnection> {
    return listPropositions(ctx.manager, filter, page, connectionColumnsFor(info, ctx.manager, Proposition));
  }

  @FieldResolver(() => [Position], { description: "Positions taken on this proposition, newest first." })
  positions(
    @Parent() p: Proposition,
    @Args() { first }: LimitArgs,
    @Arg("stance", () => [Stance], { nullable: true }) stance: Stance[] | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<Position[]> {
    return positionsBy(ctx, "proposition_id", { first, stance }, info).load(p.id);
  }

  @Mutation(() => Proposition)
  async createProposition(@Arg("input") input: CreatePropositionInput, @Ctx() ctx: Context): Promise<Proposition> {
    return createProposition(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Proposition)
  async updateProposition(@Arg("input") input: UpdatePropositionInput, @Ctx() ctx: Context): Promise<Proposition> {
    return updateProposition(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, {
    description: "Deletes a proposition that nothing refers to: positions, events (as motion), arguments (admin).",
  })
  async deleteProposition(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteProposition(ctx.manager, id, version) };
  }
}
