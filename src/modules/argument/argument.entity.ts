import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Audited, Node } from "../../common/audit";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";

export enum ConflictKind {
  REBUT = "REBUT",
  UNDERMINE = "UNDERMINE",
  UNDERCUT = "UNDERCUT",
}
registerEnumType(ConflictKind, {
  name: "ConflictKind",
  description: "REBUT attacks a conclusion, UNDERMINE a premise, UNDERCUT the inference itself.",
});

@ObjectType({
  implements: [Node, Audited],
  description: "An inference from premises to a conclusion (an AIF RA node), stated by a stakeholder.",
})
@Entity("argument")
export class Argument extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Column({ type: "uuid" })
  authorId: string;

  @Column({ type: "uuid" })
  conclusionId: string;

  @Field(() => String, { nullable: true, description: "Argumentation scheme, e.g. `argument-from-sovereignty`." })
  @Column({ type: "text", nullable: true })
  scheme: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  quote: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  quoteLanguage: string | null;

  @Column({ type: "uuid", nullable: true })
  speakerId: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  locator: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: "date", nullable: true })
  statedOn: string | null;

  @Field(() => DatePrecision)
  @Column({ type: "enum", enum: DatePrecision, enumName: "date_precision", default: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}

/** One premise of an argument, in order. */
@Entity("argument_premise")
export class ArgumentPremise {
  @PrimaryColumn({ type: "uuid" })
  argumentId: string;

  @PrimaryColumn({ type: "uuid" })
  propositionId: string;

  @Column({ type: "integer" })
  ordinal: number;
}

@ObjectType({
  implements: [Node, Audited],
  description: "An attack (an AIF CA node): an argument or proposition against an argument, a proposition, or an argument's inference.",
})
@Entity("conflict")
export class Conflict extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Field(() => ConflictKind)
  @Column({ type: "enum", enum: ConflictKind, enumName: "conflict_kind" })
  kind: ConflictKind;

  @Column({ type: "uuid", nullable: true })
  attackerArgumentId: string | null;

  @Column({ type: "uuid", nullable: true })
  attackerPropositionId: string | null;

  @Column({ type: "uuid", nullable: true })
  targetArgumentId: string | null;

  @Column({ type: "uuid", nullable: true })
  targetPropositionId: string | null;

  @Column({ type: "uuid", nullable: true })
  targetInferenceId: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}

@ObjectType({ implements: [Node, Audited], description: "Two propositions that say the same thing (an AIF MA node)." })
@Entity("rephrase")
export class Rephrase extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Column({ type: "uuid" })
  fromPropositionId: string;

  @Column({ type: "uuid" })
  toPropositionId: string;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
