import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "What a delete mutation removed." })
export class DeletePayload {
  @Field(() => ID, { description: "The global ID of the deleted record." })
  id: string;
}
