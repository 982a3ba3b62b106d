import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Proposition } from "./proposition.entity";

@ObjectType()
export class PropositionConnection extends ConnectionType(Proposition) {}
