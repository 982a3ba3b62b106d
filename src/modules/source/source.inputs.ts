import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../common/scalars";
import { SourceKind } from "./source.entity";

@InputType()
export class SourceFilter {
  @Field(() => [SourceKind], { nullable: true })
  kind?: SourceKind[] | null;

  @Field(() => String, {
    nullable: true,
    description: "Matches title, publisher, author or document symbol (case-insensitive substring).",
  })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "Exact document symbol, e.g. `S/RES/2690 (2023)`." })
  documentSymbol?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Published on or after this date." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Published on or before this date." })
  to?: string | null;
}

@InputType()
export class CreateSourceInput {
  @Field({ description: "Stable key, e.g. `s-res-2690-2023`." })
  slug: string;

  @Field(() => SourceKind)
  kind: SourceKind;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  author?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "An http(s) URL." })
  url?: string | null;

  @Field(() => String, { nullable: true })
  documentSymbol?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639 code in lower case, e.g. `fr`." })
  language?: string | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdateSourceInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => SourceKind, { nullable: true })
  kind?: SourceKind | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  author?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  documentSymbol?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;
}
