/**
 * Columns every content record carries: when and by which API key it was made
 * and last changed, and the version that guards against lost updates.
 */
import { Field, ID, Int, InterfaceType } from "type-graphql";
import { Column, PrimaryGeneratedColumn } from "typeorm";

@InterfaceType({
  description: "An object with a global ID, for `node(id)`.",
  // `node(id)` tags each row with its type; see node.loaders.ts.
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: "Global ID: pass it to `node(id)`." })
  @PrimaryGeneratedColumn("uuid")
  id: string;
}

@InterfaceType({
  description: "A record that says who made it and when.",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Audited extends Node {
  @Field(() => Int, {
    description: "Increases by one on every update; send it back with an update so nobody else's change is lost.",
  })
  @Column({ type: "integer", default: 1 })
  version: number;

  @Field()
  @Column({ type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Field()
  @Column({ type: "timestamptz", default: () => "now()" })
  updatedAt: Date;

  /** API key id; exposed as the key's name. NULL for seed data. */
  @Column({ type: "uuid", nullable: true })
  createdBy: string | null;

  @Column({ type: "uuid", nullable: true })
  updatedBy: string | null;
}
