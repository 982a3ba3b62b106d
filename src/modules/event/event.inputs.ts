import { Field, Float, ID, InputType, Int } from "type-graphql";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";
import { EventKind, EventRelationKind, LocationPrecision, ParticipantRole } from "./event.entity";

@InputType()
export class EventFilter {
  @Field(() => [EventKind], { nullable: true })
  kind?: EventKind[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Events that are still going on at or after this date (their span overlaps [from, to]).",
  })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Events that started on or before this date." })
  to?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of a stakeholder that took part." })
  participant?: string | null;

  @Field(() => [ParticipantRole], {
    nullable: true,
    description: "With `participant`: only events where it had one of these roles.",
  })
  participantRole?: ParticipantRole[] | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-3 code of the event's location." })
  countryCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Matches title, description, slug or document symbol (case-insensitive substring).",
  })
  text?: string | null;
}

@InputType({ description: "Where an event happened; latitude and longitude go together." })
export class LocationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  adminRegion?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-3." })
  countryCode?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => LocationPrecision, { nullable: true })
  precision?: LocationPrecision | null;
}

@InputType()
export class EventParticipantInput {
  @Field({ description: "Stakeholder slug." })
  stakeholder: string;

  @Field(() => ParticipantRole)
  role: ParticipantRole;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "A count of the dead: give at least one of low, best, high." })
export class FatalityClaimInput {
  @Field(() => String, { nullable: true, description: "Slug of the stakeholder that makes the claim." })
  claimant?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the source that reports it." })
  source?: string | null;

  @Field(() => Int, { nullable: true })
  low?: number | null;

  @Field(() => Int, { nullable: true })
  best?: number | null;

  @Field(() => Int, { nullable: true })
  high?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "This event CAUSED / PRECEDED / is PART_OF `event`." })
export class EventRelationInput {
  @Field({ description: "Slug of the other event." })
  event: string;

  @Field(() => EventRelationKind)
  relation: EventRelationKind;
}

@InputType()
export class CreateEventInput {
  @Field()
  slug: string;

  @Field()
  title: string;

  @Field(() => EventKind)
  kind: EventKind;

  @Field(() => DateScalar)
  startDate: string;

  @Field(() => DateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Defaults to DAY." })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  documentSymbol?: string | null;

  @Field(() => String, { nullable: true })
  acledEventType?: string | null;

  @Field(() => String, { nullable: true })
  acledSubEventType?: string | null;

  @Field(() => String, { nullable: true, description: "CAMEO event code: 2 to 4 digits." })
  cameoCode?: string | null;

  @Field(() => LocationInput, { nullable: true })
  location?: LocationInput | null;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "VOTE events only: slug of the proposition a YES ballot supports." })
  motion?: string | null;

  @Field(() => [EventParticipantInput], { nullable: true })
  participants?: EventParticipantInput[] | null;

  @Field(() => [FatalityClaimInput], { nullable: true })
  fatalityClaims?: FatalityClaimInput[] | null;

  @Field(() => [EventRelationInput], { nullable: true, description: "Outgoing relations to existing events." })
  related?: EventRelationInput[] | null;
}

@InputType({
  description:
    "Fields left out are not changed; null clears an optional field. `location` replaces the whole location. " +
    "Participants, fatality claims and relations are changed with their own mutations.",
})
export class UpdateEventInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => EventKind, { nullable: true })
  kind?: EventKind | null;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  documentSymbol?: string | null;

  @Field(() => String, { nullable: true })
  acledEventType?: string | null;

  @Field(() => String, { nullable: true })
  acledSubEventType?: string | null;

  @Field(() => String, { nullable: true })
  cameoCode?: string | null;

  @Field(() => LocationInput, { nullable: true })
  location?: LocationInput | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => String, { nullable: true })
  motion?: string | null;
}

@InputType()
export class AddEventParticipantInput extends EventParticipantInput {
  @Field({ description: "Event slug." })
  event: string;
}

@InputType()
export class AddFatalityClaimInput extends FatalityClaimInput {
  @Field({ description: "Event slug." })
  event: string;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdateFatalityClaimInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String, { nullable: true })
  claimant?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => Int, { nullable: true })
  low?: number | null;

  @Field(() => Int, { nullable: true })
  best?: number | null;

  @Field(() => Int, { nullable: true })
  high?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "`from` CAUSED / PRECEDED / is PART_OF `to`." })
export class RelateEventsInput {
  @Field({ description: "Event slug." })
  from: string;

  @Field({ description: "Event slug." })
  to: string;

  @Field(() => EventRelationKind)
  relation: EventRelationKind;
}
