/** Argument types shared by list fields. */
import { ArgsType, Field, Int } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./connection";

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many rows (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "A cursor from a previous page's `pageInfo.endCursor`." })
  after?: string | null;
}

@ArgsType()
export class LimitArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many rows (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}); use the root list for paging.`,
  })
  first?: number | null;
}
