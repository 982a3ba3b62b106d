/**
 * `node(id)` and the fields every record shares: the global `id` and the
 * audit trail. Defined once on the interfaces; object types inherit them.
 */
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver } from "type-graphql";
import { Parent } from "../../common/parent";
import { GraphQLResolveInfo } from "graphql";
import { Audited, Node } from "../../common/audit";
import { fromGlobalId, toGlobalId } from "../../common/global-id";
import { Context } from "../../server/context";
import { apiKeyName, nodeById } from "./node.loaders";

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any record by its global ID." })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    return (await nodeById(ctx, parsed.type).load(parsed.id)) as Node | null;
  }

  @FieldResolver(() => ID)
  id(@Parent() root: { id: string }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name, root.id);
  }
}

@Resolver(() => Audited)
export class AuditedResolver {
  @FieldResolver(() => String, { nullable: true, description: "Name of the API key that made the record; null for seed data." })
  createdBy(@Parent() root: Audited, @Ctx() ctx: Context): Promise<string | null> | null {
    return root.createdBy ? apiKeyName(ctx).load(root.createdBy) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Name of the API key that last changed the record." })
  updatedBy(@Parent() root: Audited, @Ctx() ctx: Context): Promise<string | null> | null {
    return root.updatedBy ? apiKeyName(ctx).load(root.updatedBy) : null;
  }
}
