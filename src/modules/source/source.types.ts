import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Source } from "./source.entity";

@ObjectType()
export class SourceConnection extends ConnectionType(Source) {}
