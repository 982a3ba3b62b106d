import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Argument, Conflict, Rephrase } from "./argument.entity";
import { CreateConflictInput, CreateRephraseInput } from "./argument.inputs";
import { argumentById, conflictBySlug, rephraseBySlug } from "./argument.loaders";
import { ArgumentInference, ConflictNode } from "./argument.types";
import { createConflict, deleteConflict } from "./conflict.service";
import { createRephrase, deleteRephrase } from "./rephrase.service";
import { guaranteed } from "../../common/loader-registry";

type ConflictEnd = Argument | Proposition | ArgumentInference;

/** `conflict`, the ends of a conflict, and the conflict mutations. */
@Resolver(() => Conflict)
export class ConflictResolver {
  @Query(() => Conflict, { nullable: true, description: "A conflict by slug." })
  conflict(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Conflict | null> {
    return conflictBySlug(ctx).load(slug);
  }

  @FieldResolver(() => ConflictNode, { description: "What attacks: an argument or a proposition." })
  attacker(@Parent() c: Conflict, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<ConflictEnd> {
    // The check constraints guarantee exactly one attacker, and the foreign key its row.
    if (c.attackerArgumentId) return guaranteed(argumentById(ctx).load(c.attackerArgumentId));
    return guaranteed(propositionById(ctx, info).load(c.attackerPropositionId!));
  }

  @FieldResolver(() => ConflictNode, {
    description: "What is attacked: an argument, a proposition, or (for an UNDERCUT) an argument's inference.",
  })
  target(@Parent() c: Conflict, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): ConflictEnd | Promise<ConflictEnd> {
    if (c.targetInferenceId) return Object.assign(new ArgumentInference(), { argumentId: c.targetInferenceId });
    if (c.targetArgumentId) return guaranteed(argumentById(ctx).load(c.targetArgumentId));
    return guaranteed(propositionById(ctx, info).load(c.targetPropositionId!));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Parent() c: Conflict, @Ctx() ctx: Context): Promise<Source | null> | null {
    return c.sourceId ? sourceById(ctx).load(c.sourceId) : null;
  }

  @Mutation(() => Conflict, {
    description:
      "Records that an argument or proposition attacks an argument, a proposition or an argument's inference. UNDERCUT is for inferences and only for them; nothing may attack itself or its own inference.",
  })
  async createConflict(@Arg("input") input: CreateConflictInput, @Ctx() ctx: Context): Promise<Conflict> {
    return createConflict(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a conflict (admin)." })
  async deleteConflict(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteConflict(ctx.manager, id, version) };
  }
}

@Resolver(() => ArgumentInference)
export class ArgumentInferenceResolver {
  @FieldResolver(() => Argument, { description: "The argument whose inference this is." })
  argument(@Parent() i: ArgumentInference, @Ctx() ctx: Context): Promise<Argument> {
    return guaranteed(argumentById(ctx).load(i.argumentId));
  }
}

/** `rephrase`, its ends, and the rephrase mutations. */
@Resolver(() => Rephrase)
export class RephraseResolver {
  @Query(() => Rephrase, { nullable: true, description: "A rephrase by slug." })
  rephrase(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Rephrase | null> {
    return rephraseBySlug(ctx).load(slug);
  }

  @FieldResolver(() => Proposition)
  from(@Parent() r: Rephrase, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Proposition> {
    return guaranteed(propositionById(ctx, info).load(r.fromPropositionId));
  }

  @FieldResolver(() => Proposition)
  to(@Parent() r: Rephrase, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Proposition> {
    return guaranteed(propositionById(ctx, info).load(r.toPropositionId));
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Parent() r: Rephrase, @Ctx() ctx: Context): Promise<Source | null> | null {
    return r.sourceId ? sourceById(ctx).load(r.sourceId) : null;
  }

  @Mutation(() => Rephrase, { description: "Records that two propositions say the same; a pair is linked once, in either direction." })
  async createRephrase(@Arg("input") input: CreateRephraseInput, @Ctx() ctx: Context): Promise<Rephrase> {
    return createRephrase(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes a rephrase (admin)." })
  async deleteRephrase(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteRephrase(ctx.manager, id, version) };
  }
}
