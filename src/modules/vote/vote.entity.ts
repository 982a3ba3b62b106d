import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";

export enum VoteChoice {
  YES = "YES",
  NO = "NO",
  ABSTAIN = "ABSTAIN",
  NOT_PRESENT = "NOT_PRESENT",
}
registerEnumType(VoteChoice, { name: "VoteChoice" });

@ObjectType({ implements: [Node, Audited], description: "One stakeholder's ballot on a VOTE event." })
@Entity("vote")
export class Vote extends Audited {
  @Column({ type: "uuid" })
  eventId: string;

  @Column({ type: "uuid" })
  stakeholderId: string;

  @Field(() => VoteChoice)
  @Column({ type: "enum", enum: VoteChoice, enumName: "vote_choice" })
  choice: VoteChoice;

  /** A position that explains the ballot. */
  @Column({ type: "uuid", nullable: true })
  explanationId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
