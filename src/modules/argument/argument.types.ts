/** Output types of the argument module: connections, conflict ends, and the argument graph. */
import { Field, ID, Int, ObjectType, createUnionType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Proposition } from "../proposition/proposition.entity";
import { Label } from "./acceptability";
import { Argument, ConflictKind } from "./argument.entity";

@ObjectType()
export class ArgumentConnection extends ConnectionType(Argument) {}

@ObjectType({
  description: "The inference of an argument (its step from premises to conclusion): what an UNDERCUT attacks.",
})
export class ArgumentInference {
  /** The argument whose inference this is; exposed as `argument`. */
  argumentId: string;
}

/** Tells the members of `ConflictNode` apart by the columns only each has. */
function conflictNodeType(value: object): "Argument" | "ArgumentInference" | "Proposition" {
  if ("conclusionId" in value) return "Argument";
  if ("argumentId" in value) return "ArgumentInference";
  return "Proposition";
}

export const ConflictNode = createUnionType({
  name: "ConflictNode",
  description: "One end of a conflict: an argument, a proposition, or (as an UNDERCUT target) an argument's inference.",
  types: () => [Argument, Proposition, ArgumentInference] as const,
  resolveType: conflictNodeType,
});

export enum AcceptabilityLabel {
  IN = "IN",
  OUT = "OUT",
  UNDECIDED = "UNDECIDED",
}
registerEnumType(AcceptabilityLabel, {
  name: "AcceptabilityLabel",
  description:
    "Dung acceptability of an argument: IN (accepted: every attacker is OUT), OUT (some attacker is IN), UNDECIDED (neither can be settled).",
});

export enum ArgumentGraphNodeKind {
  ARGUMENT = "ARGUMENT",
  PROPOSITION = "PROPOSITION",
}
registerEnumType(ArgumentGraphNodeKind, { name: "ArgumentGraphNodeKind" });

export enum ArgumentGraphEdgeKind {
  PREMISE = "PREMISE",
  CONCLUSION = "CONCLUSION",
  CONFLICT = "CONFLICT",
  REPHRASE = "REPHRASE",
}
registerEnumType(ArgumentGraphEdgeKind, {
  name: "ArgumentGraphEdgeKind",
  description:
    "PREMISE: proposition → argument that uses it; CONCLUSION: argument → proposition it argues for; CONFLICT: attacker → target (an UNDERCUT points at the argument whose inference it attacks); REPHRASE: proposition → proposition that says the same.",
});

@ObjectType({ description: "An argument or a proposition in an argument graph." })
export class ArgumentGraphNode {
  @Field(() => ID, { description: "The global ID of the argument or proposition (as `node(id)` takes it)." })
  id: string;

  @Field(() => ArgumentGraphNodeKind)
  kind: ArgumentGraphNodeKind;

  @Field(() => Int, { description: "Fewest edges (in either direction) between the root and this node." })
  depth: number;

  @Field(() => Argument, { nullable: true, description: "Set when kind is ARGUMENT." })
  argument: Argument | null;

  @Field(() => Proposition, { nullable: true, description: "Set when kind is PROPOSITION." })
  proposition: Proposition | null;

  @Field(() => AcceptabilityLabel, { nullable: true, description: "Grounded label of an argument (see ArgumentGraph.grounded)." })
  label: Label | null;
}

@ObjectType({ description: "A typed, directed edge between two nodes of an argument graph." })
export class ArgumentGraphEdge {
  @Field(() => ArgumentGraphEdgeKind)
  kind: ArgumentGraphEdgeKind;

  @Field(() => ID, { description: "`id` of the node the edge leaves." })
  from: string;

  @Field(() => ID, { description: "`id` of the node the edge enters." })
  to: string;

  @Field(() => ConflictKind, { nullable: true, description: "Set for CONFLICT edges." })
  conflictKind: ConflictKind | null;

  @Field(() => Int, { nullable: true, description: "Set for PREMISE edges: the premise's place in the argument, from 0." })
  ordinal: number | null;

  /** Set for CONFLICT edges; exposed as `conflict`. */
  conflictId: string | null;

  /** Set for REPHRASE edges; exposed as `rephrase`. */
  rephraseId: string | null;
}

@ObjectType({ description: "The grounded label of one argument." })
export class ArgumentLabel {
  @Field(() => Argument)
  argument: Argument;

  @Field(() => AcceptabilityLabel)
  label: Label;
}

@ObjectType({ description: "One attack between two arguments of the graph, derived from conflicts (see ArgumentGraph.attacks)." })
export class ArgumentAttack {
  @Field(() => Argument)
  attacker: Argument;

  @Field(() => Argument)
  target: Argument;

  /** Exposed as `conflicts`: the conflicts the attack is derived from. */
  conflictIds: string[];
}

@ObjectType({
  description:
    "The arguments and propositions around a root, with their edges, and the Dung acceptability of the arguments among themselves.",
})
export class ArgumentGraph {
  @Field(() => ArgumentGraphNode)
  root: ArgumentGraphNode;

  @Field(() => [ArgumentGraphNode], { description: "By depth, then arguments before propositions." })
  nodes: ArgumentGraphNode[];

  @Field(() => [ArgumentGraphEdge], { description: "Every edge between two nodes of the graph." })
  edges: ArgumentGraphEdge[];

  @Field(() => Int)
  nodeCount: number;

  @Field(() => Int)
  edgeCount: number;

  @Field(() => Int, { description: "The depth the walk went to." })
  depth: number;

  @Field(() => Int, { description: "The node cap the walk was given." })
  maxNodes: number;

  @Field({ description: "True when more nodes lay within `depth` than `maxNodes` allowed: the graph is a part of it." })
  truncated: boolean;

  @Field(() => [ArgumentAttack], {
    description:
      "The attack relation between the graph's arguments, derived from conflicts: A attacks B when a conflict's attacker is A (or a proposition A concludes) and its target is B itself, B's inference (UNDERCUT), B's conclusion (REBUT against a proposition) or one of B's premises (UNDERMINE against a proposition). Conflicts are directed: a mutual contradiction is two conflicts.",
  })
  attacks: ArgumentAttack[];

  @Field(() => [ArgumentLabel], {
    description:
      "The grounded labelling (Dung's sceptical semantics) of the graph's arguments under `attacks`, in the order of `nodes`. It is relative to the graph: attackers beyond `depth` or the node cap are not counted.",
  })
  grounded: ArgumentLabel[];

  @Field(() => [[Argument]], {
    nullable: true,
    description:
      "The preferred extensions (Dung's credulous semantics: the maximal sets of arguments that defend themselves) of the graph's arguments under `attacks`; null when more than preferredLimit arguments are UNDECIDED (see preferredNote).",
  })
  preferredExtensions: Argument[][] | null;

  @Field(() => Int, {
    description: "Most arguments the grounded labelling may leave UNDECIDED for preferredExtensions to be searched.",
  })
  preferredLimit: number;

  @Field(() => String, { nullable: true, description: "Why preferredExtensions is null." })
  preferredNote: string | null;
}
