import { ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Event } from "./event.entity";

@ObjectType()
export class EventConnection extends ConnectionType(Event) {}
