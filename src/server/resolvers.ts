/** Every resolver class in the schema. A module adds its resolvers here. */
import { NonEmptyArray } from "type-graphql";
import { AuditedResolver, NodeResolver } from "../modules/node/node.resolver";
import { StakeholderResolver } from "../modules/stakeholder/stakeholder.resolver";
import { EVENT_RESOLVERS } from "../modules/event/event.resolver";
import { VoteResolver } from "../modules/vote/vote.resolver";
import { SourceResolver } from "../modules/source/source.resolver";
import { PropositionResolver } from "../modules/proposition/proposition.resolver";
import { AffiliationResolver } from "../modules/affiliation/affiliation.resolver";
import { PositionEventLinkResolver, PositionResolver } from "../modules/position/position.resolver";
import { ANALYSIS_RESOLVERS } from "../modules/analysis/analysis.resolver";
import { SearchResolver } from "../modules/search/search.resolver";
import { ARGUMENT_RESOLVERS } from "../modules/argument/argument.resolvers";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [NodeResolver, AuditedResolver, StakeholderResolver, ...EVENT_RESOLVERS, VoteResolver, SourceResolver, PropositionResolver, AffiliationResolver, PositionResolver, PositionEventLinkResolver, ...ANALYSIS_RESOLVERS, SearchResolver, ...ARGUMENT_RESOLVERS];
