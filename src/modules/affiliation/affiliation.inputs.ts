import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../common/scalars";
import { AffiliationKind } from "./affiliation.entity";

@InputType()
export class AffiliationFilter {
  @Field(() => String, { nullable: true, description: "Slug of the subject stakeholder." })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the object stakeholder." })
  object?: string | null;

  @Field(() => [AffiliationKind], { nullable: true })
  kind?: AffiliationKind[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Only relations that hold on this date (an open end counts as holding).",
  })
  at?: string | null;
}

@InputType({ description: "`subject` <kind> `object`, e.g. mali PART_OF alliance-of-sahel-states from 2023-09-16." })
export class CreateAffiliationInput {
  @Field({ description: "Slug of the subject stakeholder." })
  subject: string;

  @Field({ description: "Slug of the object stakeholder; must differ from `subject`." })
  object: string;

  @Field(() => AffiliationKind)
  kind: AffiliationKind;

  @Field(() => String, { nullable: true, description: "e.g. Minister of Foreign Affairs." })
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Not before `validFrom`; null while the relation holds." })
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: "Slug of the source that reports the relation." })
  source?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdateAffiliationInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => String, { nullable: true })
  object?: string | null;

  @Field(() => AffiliationKind, { nullable: true })
  kind?: AffiliationKind | null;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true })
  validTo?: string | null;

  @Field(() => String, { nullable: true })
  source?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
