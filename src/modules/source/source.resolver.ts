import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { LimitArgs, PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Position, Stance } from "../position/position.entity";
import { positionsBy } from "../position/position.loaders";
import { Source } from "./source.entity";
import { CreateSourceInput, SourceFilter, UpdateSourceInput } from "./source.inputs";
import { sourceBySlug } from "./source.loaders";
import { createSource, deleteSource, listSources, updateSource } from "./source.service";
import { SourceConnection } from "./source.types";

/** `source`, `sources`, `Source.positions` and the source mutations. */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => Source, { nullable: true, description: "A source by slug." })
  source(@Arg("slug") slug: string, @Ctx() ctx: Context): Promise<Source | null> {
    return sourceBySlug(ctx).load(slug);
  }

  @Query(() => SourceConnection, { description: "Sources by slug, filtered." })
  sources(
    @Arg("filter", () => SourceFilter, { nullable: true }) filter: SourceFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<SourceConnection> {
    return listSources(ctx.manager, filter, page);
  }

  @FieldResolver(() => [Position], { description: "Positions that cite this source, newest first." })
  positions(
    @Parent() s: Source,
    @Args() { first }: LimitArgs,
    @Arg("stance", () => [Stance], { nullable: true }) stance: Stance[] | null,
    @Info() info: GraphQLResolveInfo,
    @Ctx() ctx: Context,
  ): Promise<Position[]> {
    return positionsBy(ctx, "source_id", { first, stance }, info).load(s.id);
  }

  @Mutation(() => Source)
  async createSource(@Arg("input") input: CreateSourceInput, @Ctx() ctx: Context): Promise<Source> {
    return createSource(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Source)
  async updateSource(@Arg("input") input: UpdateSourceInput, @Ctx() ctx: Context): Promise<Source> {
    return updateSource(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, {
    description: "Deletes a source that nothing cites: positions, events, fatality claims, affiliations, arguments (admin).",
  })
  async deleteSource(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteSource(ctx.manager, id, version) };
  }
}
