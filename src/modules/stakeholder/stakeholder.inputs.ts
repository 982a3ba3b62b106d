import { Field, ID, InputType, Int } from "type-graphql";
import { StakeholderKind } from "./stakeholder.entity";

@InputType()
export class ExternalIdInput {
  @Field({ description: "e.g. wikidata, acled, cameo." })
  scheme: string;

  @Field()
  value: string;
}

@InputType()
export class StakeholderFilter {
  @Field(() => [StakeholderKind], { nullable: true })
  kind?: StakeholderKind[] | null;

  @Field(() => String, { nullable: true })
  countryCode?: string | null;

  @Field(() => String, { nullable: true, description: "Matches name, slug or an alias (case-insensitive substring)." })
  text?: string | null;
}

@InputType()
export class CreateStakeholderInput {
  @Field()
  slug: string;

  @Field()
  name: string;

  @Field(() => StakeholderKind)
  kind: StakeholderKind;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ExternalIdInput], { nullable: true })
  externalIds?: ExternalIdInput[] | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdateStakeholderInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => StakeholderKind, { nullable: true })
  kind?: StakeholderKind | null;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  countryCode?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ExternalIdInput], { nullable: true })
  externalIds?: ExternalIdInput[] | null;
}
