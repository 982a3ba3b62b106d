import { Arg, Ctx, FieldResolver, Int, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { Context } from "../../server/context";
import { Conflict, Rephrase } from "./argument.entity";
import { conflictById, rephraseById } from "./argument.loaders";
import { ArgumentAttack, ArgumentGraph, ArgumentGraphEdge } from "./argument.types";
import {
  DEFAULT_GRAPH_DEPTH,
  DEFAULT_GRAPH_NODES,
  MAX_GRAPH_DEPTH,
  MAX_GRAPH_NODES,
  argumentGraph,
} from "./graph.service";

/** `argumentGraph` and the fields of its edges and attacks that load records. */
@Resolver(() => ArgumentGraph)
export class ArgumentGraphResolver {
  @Query(() => ArgumentGraph, {
    description:
      "The arguments and propositions within `depth` edges of a root (premise, conclusion, conflict and rephrase edges, followed both ways), at most `maxNodes` of them, with the Dung acceptability of the arguments. Give exactly one of `proposition` and `argument` (slugs).",
  })
  argumentGraph(
    @Arg("proposition", () => String, { nullable: true, description: "Slug of a proposition to start from." })
    proposition: string | null,
    @Arg("argument", () => String, { nullable: true, description: "Slug of an argument to start from." })
    argument: string | null,
    @Arg("depth", () => Int, { nullable: true, defaultValue: DEFAULT_GRAPH_DEPTH, description: `1 to ${MAX_GRAPH_DEPTH}.` })
    depth: number | null,
    @Arg("maxNodes", () => Int, {
      nullable: true,
      defaultValue: DEFAULT_GRAPH_NODES,
      description: `1 to ${MAX_GRAPH_NODES}; nearer nodes are kept first, and \`truncated\` tells when the cap cut the graph.`,
    })
    maxNodes: number | null,
    @Ctx() ctx: Context,
  ): Promise<ArgumentGraph> {
    return argumentGraph(ctx, { proposition, argument, depth, maxNodes });
  }
}

@Resolver(() => ArgumentGraphEdge)
export class ArgumentGraphEdgeResolver {
  @FieldResolver(() => Conflict, { nullable: true, description: "Set for CONFLICT edges." })
  conflict(@Parent() e: ArgumentGraphEdge, @Ctx() ctx: Context): Promise<Conflict | null> | null {
    return e.conflictId ? conflictById(ctx).load(e.conflictId) : null;
  }

  @FieldResolver(() => Rephrase, { nullable: true, description: "Set for REPHRASE edges." })
  rephrase(@Parent() e: ArgumentGraphEdge, @Ctx() ctx: Context): Promise<Rephrase | null> | null {
    return e.rephraseId ? rephraseById(ctx).load(e.rephraseId) : null;
  }
}

@Resolver(() => ArgumentAttack)
export class ArgumentAttackResolver {
  @FieldResolver(() => [Conflict], { description: "The conflicts the attack is derived from." })
  async conflicts(@Parent() a: ArgumentAttack, @Ctx() ctx: Context): Promise<Conflict[]> {
    const rows = await conflictById(ctx).loadMany(a.conflictIds);
    return rows.filter((c): c is Conflict => Boolean(c) && !(c instanceof Error));
  }
}
