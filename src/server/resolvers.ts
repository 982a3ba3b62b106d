/** Every resolver class in the schema. A module adds its resolvers here. */
import { NonEmptyArray } from "type-graphql";
import { AuditedResolver, NodeResolver } from "../modules/node/node.resolver";
import { StakeholderResolver } from "../modules/stakeholder/stakeholder.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [NodeResolver, AuditedResolver, StakeholderResolver];
