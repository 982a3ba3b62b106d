import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";

export enum Stance {
  SUPPORT = "SUPPORT",
  OPPOSE = "OPPOSE",
  NEUTRAL = "NEUTRAL",
  MIXED = "MIXED",
}
registerEnumType(Stance, { name: "Stance" });

export enum PositionEventRelation {
  EXPRESSED_AT = "EXPRESSED_AT",
  RESPONDS_TO = "RESPONDS_TO",
  CITES_AS_EVIDENCE = "CITES_AS_EVIDENCE",
  CONDEMNS = "CONDEMNS",
  ENDORSES = "ENDORSES",
  JUSTIFIES_BY = "JUSTIFIES_BY",
  DENIES = "DENIES",
}
registerEnumType(PositionEventRelation, { name: "PositionEventRelation" });

@ObjectType({
  implements: [Node, Audited],
  description: "One stakeholder's stance on one proposition at one time, with its evidence.",
})
@Entity("position")
export class Position extends Audited {
  @Field(() => String, { nullable: true, description: "Optional stable key (seed data has one)." })
  @Column({ type: "text", nullable: true, unique: true })
  slug: string | null;

  @Column({ type: "uuid" })
  stakeholderId: string;

  @Column({ type: "uuid" })
  propositionId: string;

  @Field(() => Stance)
  @Column({ type: "enum", enum: Stance, enumName: "stance" })
  stance: Stance;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  statedOn: string;

  @Field(() => DatePrecision)
  @Column({ type: "enum", enum: DatePrecision, enumName: "date_precision", default: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: "Verbatim; null where the source reports no words." })
  @Column({ type: "text", nullable: true })
  quote: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  quoteLanguage: string | null;

  @Column({ type: "uuid", nullable: true })
  speakerId: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true, description: "Where in the source: page, paragraph, section." })
  @Column({ type: "text", nullable: true })
  locator: string | null;

  @Field(() => Float, { description: "How sure the coding is, 0–1." })
  @Column({ type: "double precision", default: 1 })
  confidence: number;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}

@ObjectType({ implements: [Node, Audited], description: "How a position is tied to an event." })
@Entity("position_event")
export class PositionEventLink extends Audited {
  @Column({ type: "uuid" })
  positionId: string;

  @Column({ type: "uuid" })
  eventId: string;

  @Field(() => PositionEventRelation)
  @Column({ type: "enum", enum: PositionEventRelation, enumName: "position_event_relation" })
  relation: PositionEventRelation;

  /** The position's `stated_on`, copied by a trigger so an event's links can be read newest first from an index. */
  @Column({ type: "date", insert: false, update: false })
  positionStatedOn: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
