import { Field, Float, ID, InputType, Int } from "type-graphql";
import { DatePrecision } from "../../common/enums";
import { DateScalar } from "../../common/scalars";
import { SourceKind } from "../source/source.entity";
import { PositionEventRelation, Stance } from "./position.entity";

@InputType({
  description:
    "Conditions that all must hold. Slugs here are filters, not references: a slug that names nothing simply matches no position (it is not an error).",
})
export class PositionFilter {
  @Field(() => [String], {
    nullable: true,
    description: "Stakeholder slug, or a list of them (any of them matches).",
  })
  stakeholder?: string[] | null;

  @Field(() => String, { nullable: true, description: "Proposition slug." })
  proposition?: string | null;

  @Field(() => [Stance], { nullable: true, description: "Any of these stances." })
  stance?: Stance[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Stated on or after this date (inclusive)." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Stated on or before this date (inclusive)." })
  to?: string | null;

  @Field(() => String, { nullable: true, description: "Event slug: positions linked to this event." })
  event?: string | null;

  @Field(() => [PositionEventRelation], {
    nullable: true,
    description:
      "With `event`: only links of these relations to it. Without `event`: positions linked to any event by one of these relations.",
  })
  relation?: PositionEventRelation[] | null;

  @Field(() => String, { nullable: true, description: "Slug of the person who stated the position." })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive substring of the quote or the note." })
  text?: string | null;

  @Field(() => Float, { nullable: true, description: "Only positions coded with at least this confidence (0–1)." })
  minConfidence?: number | null;
}

/** Fields shared by `createPosition` and `recordPosition`. */
@InputType({ description: "A position; stakeholders, propositions, speakers and sources are referred to by slug." })
export class CreatePositionInput {
  @Field({ description: "Slug of the stakeholder that holds the position." })
  stakeholder: string;

  @Field({ description: "Slug of the proposition." })
  proposition: string;

  @Field(() => Stance)
  stance: Stance;

  @Field(() => DateScalar)
  statedOn: string;

  @Field(() => DatePrecision, {
    nullable: true,
    description: "Default DAY. A MONTH date must be the 1st of its month, a YEAR date 1 January.",
  })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true, description: "Verbatim words; needs `quoteLanguage`." })
  quote?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639 code of the quote, e.g. `fr`." })
  quoteLanguage?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the PERSON stakeholder who said it." })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of an existing source." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: "Where in the source: page, paragraph, section." })
  locator?: string | null;

  @Field(() => Float, { nullable: true, description: "How sure the coding is, 0–1 (default 1)." })
  confidence?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: "Optional stable key." })
  slug?: string | null;
}

@InputType({ description: "A source created in the same transaction as the position that cites it." })
export class RecordPositionSourceInput {
  @Field()
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

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "UN document symbol, e.g. `S/RES/2690 (2023)`." })
  documentSymbol?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639 code, e.g. `fr`." })
  language?: string | null;
}

@InputType({ description: "A link from the recorded position to an event." })
export class RecordPositionEventInput {
  @Field({ description: "Event slug." })
  event: string;

  @Field(() => PositionEventRelation)
  relation: PositionEventRelation;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({
  description:
    "A position with its evidence, written in one transaction: either an existing `source` or a `newSource` (not both), and links to events. Nothing is written unless everything is.",
})
export class RecordPositionInput extends CreatePositionInput {
  @Field(() => RecordPositionSourceInput, { nullable: true, description: "A source to create; excludes `source`." })
  newSource?: RecordPositionSourceInput | null;

  @Field(() => [RecordPositionEventInput], {
    nullable: true,
    description: "Links to events; each event + relation pair at most once.",
  })
  events?: RecordPositionEventInput[] | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdatePositionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true, description: "Stakeholder slug." })
  stakeholder?: string | null;

  @Field(() => String, { nullable: true, description: "Proposition slug." })
  proposition?: string | null;

  @Field(() => Stance, { nullable: true })
  stance?: Stance | null;

  @Field(() => DateScalar, { nullable: true })
  statedOn?: string | null;

  @Field(() => DatePrecision, { nullable: true })
  datePrecision?: DatePrecision | null;

  @Field(() => String, { nullable: true })
  quote?: string | null;

  @Field(() => String, { nullable: true })
  quoteLanguage?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of a PERSON stakeholder." })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: "Source slug." })
  source?: string | null;

  @Field(() => String, { nullable: true })
  locator?: string | null;

  @Field(() => Float, { nullable: true })
  confidence?: number | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;
}

@InputType()
export class LinkPositionToEventInput {
  @Field(() => ID, { description: "Global ID of the position." })
  position: string;

  @Field({ description: "Event slug." })
  event: string;

  @Field(() => PositionEventRelation)
  relation: PositionEventRelation;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
