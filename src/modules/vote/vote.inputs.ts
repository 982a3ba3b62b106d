import { Field, ID, InputType, Int } from "type-graphql";
import { VoteChoice } from "./vote.entity";

@InputType()
export class CastVoteInput {
  @Field({ description: "Slug of a VOTE event." })
  event: string;

  @Field({ description: "Slug of the stakeholder casting the ballot." })
  stakeholder: string;

  @Field(() => VoteChoice)
  choice: VoteChoice;

  @Field(() => String, {
    nullable: true,
    description: "A position of the same stakeholder that explains the ballot: its global ID or its slug.",
  })
  explanation?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Fields left out are not changed; null clears an optional field." })
export class UpdateVoteInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The version you read; a newer one on the server is a CONFLICT." })
  version: number;

  @Field(() => VoteChoice, { nullable: true })
  choice?: VoteChoice | null;

  @Field(() => String, { nullable: true, description: "A position's global ID or slug; null removes the explanation." })
  explanation?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
