import { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { PageArgs } from "../../common/args";
import { DeletePayload } from "../../common/payloads";
import { Context } from "../../server/context";
import { Role } from "../auth/api-key.entity";
import { requireRole } from "../auth/auth.service";
import { Source } from "../source/source.entity";
import { sourceById } from "../source/source.loaders";
import { Stakeholder } from "../stakeholder/stakeholder.entity";
import { stakeholderById } from "../stakeholder/stakeholder.loaders";
import { Affiliation } from "./affiliation.entity";
import { AffiliationFilter, CreateAffiliationInput, UpdateAffiliationInput } from "./affiliation.inputs";
import { createAffiliation, deleteAffiliation, listAffiliations, updateAffiliation } from "./affiliation.service";
import { AffiliationConnection } from "./affiliation.types";
import { guaranteed } from "../../common/loader-registry";

/** `affiliations`, the ends and source of an affiliation, and the affiliation mutations. */
@Resolver(() => Affiliation)
export class AffiliationResolver {
  @Query(() => AffiliationConnection, {
    description: "Affiliations, earliest `validFrom` first (undated first), filtered.",
  })
  affiliations(
    @Arg("filter", () => AffiliationFilter, { nullable: true }) filter: AffiliationFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<AffiliationConnection> {
    return listAffiliations(ctx.manager, filter, page);
  }

  @FieldResolver(() => Stakeholder, { description: "Who is related, e.g. the person who REPRESENTS." })
  subject(@Parent() a: Affiliation, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    // The foreign key (ON DELETE CASCADE) guarantees the row exists.
    return guaranteed(stakeholderById(ctx, info).load(a.subjectId));
  }

  @FieldResolver(() => Stakeholder, { description: "To whom, e.g. the government represented." })
  object(@Parent() a: Affiliation, @Info() info: GraphQLResolveInfo, @Ctx() ctx: Context): Promise<Stakeholder> {
    return guaranteed(stakeholderById(ctx, info).load(a.objectId));
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the relation is reported." })
  source(@Parent() a: Affiliation, @Ctx() ctx: Context): Promise<Source | null> | null {
    return a.sourceId ? sourceById(ctx).load(a.sourceId) : null;
  }

  @Mutation(() => Affiliation)
  async createAffiliation(@Arg("input") input: CreateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return createAffiliation(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => Affiliation)
  async updateAffiliation(@Arg("input") input: UpdateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return updateAffiliation(ctx.manager, input, await requireRole(ctx.caller, Role.EDITOR));
  }

  @Mutation(() => DeletePayload, { description: "Deletes an affiliation (admin)." })
  async deleteAffiliation(
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() ctx: Context,
  ): Promise<DeletePayload> {
    await requireRole(ctx.caller, Role.ADMIN);
    return { id: await deleteAffiliation(ctx.manager, id, version) };
  }
}
