import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";
import { DateScalar } from "../../common/scalars";

export enum AffiliationKind {
  MEMBER_OF = "MEMBER_OF",
  PERMANENT_MEMBER_OF = "PERMANENT_MEMBER_OF",
  ELECTED_MEMBER_OF = "ELECTED_MEMBER_OF",
  REPRESENTS = "REPRESENTS",
  LEADS = "LEADS",
  PART_OF = "PART_OF",
  ALLIED_WITH = "ALLIED_WITH",
  PARTNERS_WITH = "PARTNERS_WITH",
  SUSPENDED_FROM = "SUSPENDED_FROM",
  WITHDREW_FROM = "WITHDREW_FROM",
  SANCTIONS = "SANCTIONS",
  OPPOSES = "OPPOSES",
  CONTRIBUTES_TO = "CONTRIBUTES_TO",
}
registerEnumType(AffiliationKind, { name: "AffiliationKind" });

@ObjectType({
  implements: [Node, Audited],
  description: "A typed, dated relation: `subject` <kind> `object`, e.g. Diop REPRESENTS the transitional government.",
})
@Entity("affiliation")
export class Affiliation extends Audited {
  @Column({ type: "uuid" })
  subjectId: string;

  @Column({ type: "uuid" })
  objectId: string;

  @Field(() => AffiliationKind)
  @Column({ type: "enum", enum: AffiliationKind, enumName: "affiliation_kind" })
  kind: AffiliationKind;

  @Field(() => String, { nullable: true, description: "e.g. Minister of Foreign Affairs." })
  @Column({ type: "text", nullable: true })
  role: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: "date", nullable: true })
  validFrom: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Null while the relation holds." })
  @Column({ type: "date", nullable: true })
  validTo: string | null;

  @Column({ type: "uuid", nullable: true })
  sourceId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
