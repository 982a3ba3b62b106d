import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";

export enum EventKind {
  COUP = "COUP",
  REBELLION = "REBELLION",
  MILITARY_OPERATION = "MILITARY_OPERATION",
  ARMED_CLASH = "ARMED_CLASH",
  MASSACRE = "MASSACRE",
  RESOLUTION_ADOPTED = "RESOLUTION_ADOPTED",
  VOTE = "VOTE",
  MANDATE_CHANGE = "MANDATE_CHANGE",
  SANCTIONS_IMPOSED = "SANCTIONS_IMPOSED",
  SANCTIONS_BLOCKED = "SANCTIONS_BLOCKED",
  SPEECH = "SPEECH",
  MEETING = "MEETING",
  AGREEMENT = "AGREEMENT",
  ALLIANCE_FORMED = "ALLIANCE_FORMED",
  BASE_HANDOVER = "BASE_HANDOVER",
  DEPLOYMENT = "DEPLOYMENT",
  WITHDRAWAL = "WITHDRAWAL",
  ARREST = "ARREST",
  PARDON = "PARDON",
  PROTEST = "PROTEST",
  REPORT_PUBLISHED = "REPORT_PUBLISHED",
  SURVEY_PUBLISHED = "SURVEY_PUBLISHED",
  OTHER = "OTHER",
}
registerEnumType(EventKind, { name: "EventKind" });

export enum LocationPrecision {
  EXACT = "EXACT",
  TOWN = "TOWN",
  REGION = "REGION",
  COUNTRY = "COUNTRY",
}
registerEnumType(LocationPrecision, {
  name: "LocationPrecision",
  description: "How exactly the coordinates place the event (cf. ACLED geo-precision).",
});

export enum ParticipantRole {
  PERPETRATOR = "PERPETRATOR",
  TARGET = "TARGET",
  SPONSOR = "SPONSOR",
  VOTER = "VOTER",
  SPEAKER = "SPEAKER",
  HOST = "HOST",
  SUBJECT = "SUBJECT",
  WITNESS = "WITNESS",
  ORGANIZER = "ORGANIZER",
  MEDIATOR = "MEDIATOR",
  OTHER = "OTHER",
}
registerEnumType(ParticipantRole, { name: "ParticipantRole" });

export enum EventRelationKind {
  CAUSED = "CAUSED",
  PRECEDED = "PRECEDED",
  PART_OF = "PART_OF",
}
registerEnumType(EventRelationKind, { name: "EventRelationKind" });

@ObjectType({ description: "Where an event happened." })
export class Location {
  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  adminRegion: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-3." })
  countryCode: string | null;

  @Field(() => Float, { nullable: true })
  latitude: number | null;

  @Field(() => Float, { nullable: true })
  longitude: number | null;

  @Field(() => LocationPrecision, { nullable: true })
  precision: LocationPrecision | null;
}

@ObjectType({ implements: [Node, Audited], description: "Something that happened, on a date, somewhere." })
@Entity("event")
export class Event extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Field()
  @Column({ type: "text" })
  title: string;

  @Field(() => EventKind)
  @Column({ type: "enum", enum: EventKind, enumName: "event_kind" })
  kind: EventKind;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  startDate: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: "date", nullable: true })
  endDate: string | null;

  @Field(() => DatePrecision)
  @Column({ type: "enum", enum: DatePrecision, enumName: "date_precision", default: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: "UN document symbol, e.g. `S/RES/2690 (2023)`." })
  @Column({ type: "text", nullable: true })
  documentSymbol: string | null;

  @Field(() => String, { nullable: true, description: "ACLED event type, e.g. `Violence against civilians`." })
  @Column({ type: "text", nullable: true })
  acledEventType: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  acledSubEventType: string | null;

  @Field(() => String, { nullable: true, description: "CAMEO event code, e.g. `1823`." })
  @Column({ type: "text", nullable: true })
  cameoCode: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  /** For VOTE events: the proposition a YES ballot supports. */
  @Column({ type: "uuid", nullable: true })
  motionId: string | null;

  @Column({ type: "text", nullable: true })
  locationName: string | null;

  @Column({ type: "text", nullable: true })
  locationAdminRegion: string | null;

  @Column({ type: "char", length: 3, nullable: true })
  locationCountryCode: string | null;

  @Column({ type: "double precision", nullable: true })
  locationLatitude: number | null;

  @Column({ type: "double precision", nullable: true })
  locationLongitude: number | null;

  @Column({ type: "enum", enum: LocationPrecision, enumName: "location_precision", nullable: true })
  locationPrecision: LocationPrecision | null;
}

@ObjectType({ implements: [Node, Audited], description: "A stakeholder's part in an event." })
@Entity("event_participant")
export class EventParticipant extends Audited {
  @Column({ type: "uuid" })
  eventId: string;

  @Column({ type: "uuid" })
  stakeholderId: string;

  @Field(() => ParticipantRole)
  @Column({ type: "enum", enum: ParticipantRole, enumName: "participant_role" })
  role: ParticipantRole;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}

@ObjectType({
  implements: [Node, Audited],
  description: "One claimant's count of the dead (low / best / high, as in UCDP GED).",
})
@Entity("fatality_claim")
export class FatalityClaim extends Audited {
  @Column({ type: "uuid" })
  eventId: string;

  @Column({ type: "uuid", nullable: true })
  claimantId: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  low: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  best: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: "integer", nullable: true })
  high: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}

@ObjectType({ implements: [Node, Audited], description: "`from` CAUSED / PRECEDED / is PART_OF `to`." })
@Entity("event_relation")
export class EventRelation extends Audited {
  @Column({ type: "uuid" })
  fromEventId: string;

  @Column({ type: "uuid" })
  toEventId: string;

  @Field(() => EventRelationKind)
  @Column({ type: "enum", enum: EventRelationKind, enumName: "event_relation_kind" })
  relation: EventRelationKind;
}
