/** Every TypeORM entity, for the data source. */
import { Affiliation } from "../modules/affiliation/affiliation.entity";
import { Argument, ArgumentPremise, Conflict, Rephrase } from "../modules/argument/argument.entity";
import { ApiKey } from "../modules/auth/api-key.entity";
import { Event, EventParticipant, EventRelation, FatalityClaim } from "../modules/event/event.entity";
import { Position, PositionEventLink } from "../modules/position/position.entity";
import { Proposition } from "../modules/proposition/proposition.entity";
import { Source } from "../modules/source/source.entity";
import { Stakeholder } from "../modules/stakeholder/stakeholder.entity";
import { Vote } from "../modules/vote/vote.entity";

export const ENTITIES = [
  ApiKey,
  Stakeholder,
  Source,
  Affiliation,
  Proposition,
  Event,
  EventParticipant,
  FatalityClaim,
  EventRelation,
  Position,
  PositionEventLink,
  Vote,
  Argument,
  ArgumentPremise,
  Conflict,
  Rephrase,
];
