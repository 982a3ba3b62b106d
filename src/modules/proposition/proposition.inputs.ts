import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class PropositionFilter {
  @Field(() => [String], { nullable: true, description: "Propositions that carry any of these tags." })
  tag?: string[] | null;

  @Field(() => String, { nullable: true, description: "Matches text or slug (case-insensitive substring)." })
  text?: string | null;
}

@InputType()
export class CreatePropositionInput {
  @Field({ description: "Stable key, e.g. `minusma-should-withdraw-without-delay`." })
  slug: string;

  @Field({ description: "The claim, 1–2000 characters." })
  text: string;

  @Field(() => [String], { nullable: true, description: "Lowercase words joined by hyphens, e.g. `peacekeeping`." })
  tags?: string[] | null;
}

@InputType({ description: "Fields left out are not changed." })
export class UpdatePropositionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Field(() => [String], { nullable: true, description: "Replaces all tags; send [] to remove them." })
  tags?: string[] | null;
}
