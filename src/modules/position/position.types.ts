import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Position } from "./position.entity";

/** A page of `positions`. */
@ObjectType()
export class PositionConnection extends ConnectionType(Position) {}
