/** Every resolver class of the argument module, for src/server/resolvers.ts. */
import { ArgumentAttackResolver, ArgumentGraphEdgeResolver, ArgumentGraphResolver } from "./argument-graph.resolver";
import {
  PositionArgumentsResolver,
  PropositionArgumentsResolver,
  StakeholderArgumentsResolver,
} from "./argument-links.resolver";
import { ArgumentResolver } from "./argument.resolver";
import { ArgumentInferenceResolver, ConflictResolver, RephraseResolver } from "./conflict.resolver";

export const ARGUMENT_RESOLVERS = [
  ArgumentResolver,
  ConflictResolver,
  ArgumentInferenceResolver,
  RephraseResolver,
  ArgumentGraphResolver,
  ArgumentGraphEdgeResolver,
  ArgumentAttackResolver,
  PropositionArgumentsResolver,
  StakeholderArgumentsResolver,
  PositionArgumentsResolver,
] as const;
