import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Affiliation } from "./affiliation.entity";

@ObjectType()
export class AffiliationConnection extends ConnectionType(Affiliation) {}
