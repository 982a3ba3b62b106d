import { Args, Ctx, Query, Resolver } from "type-graphql";
import { Context } from "../../server/context";
import { search } from "./search.service";
import { SearchArgs, SearchHit } from "./search.types";

@Resolver()
export class SearchResolver {
  @Query(() => [SearchHit], {
    description:
      "Full-text search over stakeholders, propositions, position quotes and notes, events and sources, in English and " +
      "French at once (plus exact words), best match first, with highlighted snippets.",
  })
  search(@Args() args: SearchArgs, @Ctx() ctx: Context): Promise<SearchHit[]> {
    return search(ctx, args);
  }
}
