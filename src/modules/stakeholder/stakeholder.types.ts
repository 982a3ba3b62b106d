import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Stakeholder } from "./stakeholder.entity";

@ObjectType()
export class StakeholderConnection extends ConnectionType(Stakeholder) {}
