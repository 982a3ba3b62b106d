import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { Argument, Conflict } from "./argument.entity";
import { ArgumentFilter, CreateArgumentInput, UpdateArgumentInput } from "./argument.inputs";
import { argumentBySlug, conflictsAgainstArgument, conflictsBy, premisesOf } from "./argument.loaders";
import { createArgument, deleteArgument, listArguments, updateArgument } from "./argument.service";
import { ArgumentConnection } from "./argument.types";
import { guaranteed } from "../../common/loader-registry";

/** `argument`, `arguments`, the fields of an argument, and the argument mutations. */
@Resolver(() => Argument)
export class ArgumentResolver {
  @Query(() => Argument, { nullable: true, description: "An argument by slug, e.g. `mali-withdrawal-argument`." })
  argument(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Argument | null> {
    return argumentBySlug(ctx).load(slug);
  }

  @Query(() => ArgumentConnection, {
    description: "Arguments by slug, filtered. Slugs in the filter that name nothing match no argument; they are not an error.",
  })
  arguments(
    @Arg("filter", () => ArgumentFilter, { nullable: true }) filter: ArgumentFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ArgumentConnection> {
    return listArguments(ctx.manager, filter, page);
  }

  @FieldResolver(() => [Proposition], { description: "The premises, in the order the argument gives them." })
  premises(@Parent() a: Argument, @Ctx() ctx: Context): Promise<Proposition[]> {
    return premisesOf(ctx).load(a.id);
  }

  @FieldResolver(() => Proposition, { description: "What the argument argues for." })
  conclusion(@Parent() a: Argument, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Proposition> {
    // The foreign key guarantees the row.
    return guaranteed(propositionById(ctx, info).load(a.conclusionId));
  }

  @FieldResolver(() => Stakeholder, { description: "The stakeholder who makes the argument." })
  author(@Parent() a: Argument, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    return guaranteed(stakeholderById(ctx, info).load(a.authorId));
  }

  @FieldResolver(() => Stakeholder, { nullable: true, description: "The person who said it, when known." })
  speaker(@Parent() a: Argument, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder | null> | null {
    return a.speakerId ? stakeholderById(ctx, info).load(a.speakerId) : null;
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where it was said or reported; see `locator`." })
  source(@Parent() a: Argument, @Ctx() ctx: Context): Promise<Source | null> | null {
    return a.sourceId ? sourceById(ctx).load(a.sourceId) : null;
  }

  @FieldResolver(() => [Conflict], { description: "Conflicts in which this argument is the attacker, by slug." })
  attacks(@Parent() a: Argument, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Conflict[]> {
    return conflictsBy(ctx, "attacker_argument_id", first).load(a.id);
  }

  @FieldResolver(() => [Conflict], {
    description:
      "Conflicts that target this argument or its inference (UNDERCUT), by slug. Conflicts against its conclusion or premises are on those propositions' `attackedBy`.",
  })
  attackedBy(@Parent() a: Argument, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Conflict[]> {
    return conflictsAgainstArgument(ctx, first).load(a.id);
  }

  @Mutation(() => Argument, { description: "Creates an argument with its premises, in one transaction." })
  async createArgument(@Arg("input") input: CreateArgumentInput, @Ctx() ctx: Context): Promise<Argument> {
    return createArgument(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Argument, { description: "Changes an argument; `premises`, when sent, replaces them all." })
  async updateArgument(@Arg("input") input: UpdateArgumentInput, @Ctx() ctx: Context): Promise<Argument> {
    return updateArgument(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, {
    description: "Deletes an argument with its premises and every conflict it is the attacker or target of (admin).",
  })
  async deleteArgument(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteArgument(ctx.manager, id, version) };
  }
}
