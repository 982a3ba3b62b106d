import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Audited, Node } from "../../common/audit";

@ObjectType({
  implements: [Node, Audited],
  description: "A claim that stakeholders can support or oppose (an AIF I-node).",
})
@Entity("proposition")
export class Proposition extends Audited {
  @Field()
  @Column({ type: "text", unique: true })
  slug: string;

  @Field()
  @Column({ type: "text" })
  text: string;

  @Field(() => [String])
  @Column({ type: "text", array: true, default: "{}" })
  tags: string[];
}
