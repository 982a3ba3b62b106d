import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";

export enum StakeholderKind {
  STATE = "STATE",
  GOVERNMENT = "GOVERNMENT",
  INTERGOVERNMENTAL_ORGANIZATION = "INTERGOVERNMENTAL_ORGANIZATION",
  UN_BODY = "UN_BODY",
  PEACE_OPERATION = "PEACE_OPERATION",
  ARMED_GROUP = "ARMED_GROUP",
  PRIVATE_MILITARY_COMPANY = "PRIVATE_MILITARY_COMPANY",
  MILITIA = "MILITIA",
  PERSON = "PERSON",
  CIVIL_SOCIETY = "CIVIL_SOCIETY",
  POPULATION = "POPULATION",
  RESEARCH_INSTITUTE = "RESEARCH_INSTITUTE",
  MEDIA = "MEDIA",
  OTHER = "OTHER",
}
registerEnumType(StakeholderKind, { name: "StakeholderKind" });

@ObjectType({ description: "An identifier of a stakeholder in another dataset (wikidata, acled, cameo…)." })
export class ExternalId {
  @Field()
  scheme: string;

  @Field()
  value: string;
}

@ObjectType({ implements: [Node, Audited], description: "Anyone who takes positions or takes part in events." })
@Entity("stakeholder")
export class Stakeholder extends Audited {
  @Field({ description: "Stable key, e.g. `mali-transitional-government`." })
  @Column({ type: "text", unique: true })
  slug: string;

  @Field()
  @Column({ type: "text" })
  name: string;

  @Field(() => StakeholderKind)
  @Column({ type: "enum", enum: StakeholderKind, enumName: "stakeholder_kind" })
  kind: StakeholderKind;

  @Field(() => [String])
  @Column({ type: "text", array: true, default: "{}" })
  aliases: string[];

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-3." })
  @Column({ type: "char", length: 3, nullable: true })
  countryCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  description: string | null;

  @Field(() => [ExternalId])
  @Column({ type: "jsonb", default: [] })
  externalIds: ExternalId[];
}
