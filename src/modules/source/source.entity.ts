import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";
import { DateScalar } from "../../common/scalars";

export enum SourceKind {
  UN_DOCUMENT = "UN_DOCUMENT",
  MEETING_RECORD = "MEETING_RECORD",
  SPEECH = "SPEECH",
  NEWS_ARTICLE = "NEWS_ARTICLE",
  REPORT = "REPORT",
  SURVEY = "SURVEY",
  ANALYSIS = "ANALYSIS",
  OFFICIAL_STATEMENT = "OFFICIAL_STATEMENT",
}
registerEnumType(SourceKind, { name: "SourceKind" });

@ObjectType({ implements: [Node, Audited], description: "Where something was said or reported." })
@Entity("source")
export class Source extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Field(() => SourceKind)
  @Column({ type: "enum", enum: SourceKind, enumName: "source_kind" })
  kind: SourceKind;

  @Field()
  @Column({ type: "text" })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  publisher: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  author: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: "date", nullable: true })
  publishedOn: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: "UN document symbol, e.g. `S/RES/2690 (2023)`." })
  @Column({ type: "text", nullable: true })
  documentSymbol: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639 code, e.g. `fr`." })
  @Column({ type: "text", nullable: true })
  language: string | null;
}
