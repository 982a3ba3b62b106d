/**
 * Fields the argument graph adds to the types of other modules: how a
 * proposition, a stakeholder and a position lead to arguments.
 */
import { Args, Ctx, FieldResolver, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs } from "../../common/args";
import { Context } from "../../server/context";
import { Position } from "../position/position.entity";
import { Proposition } from "../proposition/proposition.entity";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { Argument, Conflict } from "./argument.entity";
import {
  argumentsAgainst,
  argumentsBy,
  argumentsForStance,
  argumentsWithPremise,
  conflictsBy,
  rephrasesOf,
  stanceKey,
} from "./argument.loaders";

@Resolver(() => Proposition)
export class PropositionArgumentsResolver {
  @FieldResolver(() => [Argument], { description: "Arguments whose conclusion is this proposition, newest first." })
  argumentsFor(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Argument[]> {
    return argumentsBy(ctx, "conclusion_id", first).load(p.id);
  }

  @FieldResolver(() => [Argument], {
    description:
      "Arguments whose conclusion conflicts with this proposition, newest first. Each end of a REBUT conflict stands for a claim (a proposition for itself, an argument for its conclusion); an argument is against P when its conclusion Q ≠ P is the claim of one end of a REBUT whose other end's claim is P. So: arguments that rebut P or rebut an argument for P, and every argument for a proposition that rebuts P or that P rebuts. UNDERMINE and UNDERCUT conflicts attack premises and inferences, not conclusions, and do not count.",
  })
  argumentsAgainst(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Argument[]> {
    return argumentsAgainst(ctx, first).load(p.id);
  }

  @FieldResolver(() => [Argument], { description: "Arguments that use this proposition as a premise, newest first." })
  premiseOf(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Argument[]> {
    return argumentsWithPremise(ctx, first).load(p.id);
  }

  @FieldResolver(() => [Proposition], {
    description: "Propositions recorded as saying the same as this one (a rephrase in either direction; not transitive), by slug.",
  })
  rephrases(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Proposition[]> {
    return rephrasesOf(ctx, first).load(p.id);
  }

  @FieldResolver(() => [Conflict], { description: "Conflicts in which this proposition is the attacker, by slug." })
  attacks(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Conflict[]> {
    return conflictsBy(ctx, "attacker_proposition_id", first).load(p.id);
  }

  @FieldResolver(() => [Conflict], { description: "Conflicts that target this proposition (REBUT or UNDERMINE), by slug." })
  attackedBy(@Parent() p: Proposition, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Conflict[]> {
    return conflictsBy(ctx, "target_proposition_id", first).load(p.id);
  }
}

@Resolver(() => Stakeholder)
export class StakeholderArgumentsResolver {
  @FieldResolver(() => [Argument], { description: "Arguments this stakeholder made (as author), newest first." })
  arguments(@Parent() s: Stakeholder, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Argument[]> {
    return argumentsBy(ctx, "author_id", first).load(s.id);
  }
}

@Resolver(() => Position)
export class PositionArgumentsResolver {
  @FieldResolver(() => [Argument], {
    description:
      "The arguments the position's stakeholder gave for the position's proposition (author = stakeholder, conclusion = proposition), newest first, whatever the stance or date.",
  })
  arguments(@Parent() p: Position, @Args() { first }: LimitArgs, @Ctx() ctx: Context): Promise<Argument[]> {
    return argumentsForStance(ctx, first).load(stanceKey(p.stakeholderId, p.propositionId));
  }
}
