import "reflect-metadata";
import { GraphQLResolveInfo, GraphQLSchema, graphql, isAbstractType, isObjectType } from "graphql";
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
  buildSchemaSync,
  createUnionType,
} from "type-graphql";
import { Parent } from "../common/parent";
import { getMetadataStorage } from "type-graphql";
import { callResolversDirectly, isCalledDirectly, resolvesTypeDirectly } from "./direct-resolvers";
import { getSchema } from "./schema";

@ObjectType()
class Item {
  @Field()
  name!: string;
}

@ObjectType()
class Other {
  @Field()
  code!: string;
}

// One resolveType answers with a class, as type-graphql allows; the application's answer with names.
const Thing = createUnionType({
  name: "Thing",
  types: () => [Item, Other] as const,
  resolveType: (value: object) => ("code" in value ? Other : "Item"),
});

@InputType()
class Range {
  @Field(() => Int)
  low!: number;

  @Field(() => Int, { defaultValue: 9 })
  high!: number;
}

@ArgsType()
class Paging {
  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => Int, { defaultValue: 3 })
  skip!: number;
}

@Resolver(() => Item)
class ItemResolver {
  private readonly prefix = "item";

  @Query(() => [Item])
  items(@Arg("names", () => [String]) names: string[]): Item[] {
    return names.map((name) => ({ name }));
  }

  @FieldResolver(() => String)
  described(
    @Parent() item: Item,
    @Args() paging: Paging,
    @Arg("range", () => Range, { nullable: true }) range: Range | null,
    @Ctx() ctx: { user: string },
    @Ctx("user") user: string,
  ): string {
    // `this`, every kind of parameter, and defaults that graphql-js applies.
    return JSON.stringify([this.prefix, item.name, paging, range, ctx.user, user]);
  }

  @FieldResolver(() => String)
  path(@Parent() item: Item, @Ctx() _ctx: unknown, @Arg("x", () => Int, { nullable: true }) _x: number | null, info?: GraphQLResolveInfo): string {
    return `${item.name}:${info === undefined}`;
  }

  @FieldResolver(() => Boolean)
  typed(@Root() item: Item): boolean {
    // A typed @Root() is converted to the class by type-graphql.
    return item instanceof Item;
  }

  @FieldResolver(() => String)
  async later(@Parent() item: Item): Promise<string> {
    await Promise.resolve();
    return item.name.toUpperCase();
  }

  @FieldResolver(() => [Thing])
  things(@Parent() item: Item): Array<Item | Other> {
    return [item, { code: item.name }];
  }

  @FieldResolver(() => String, { nullable: true })
  fails(@Parent() item: Item): string {
    throw new Error(`no ${item.name}`);
  }
}

const build = (): GraphQLSchema => buildSchemaSync({ resolvers: [ItemResolver], validate: false });

const query = `{
  items(names: ["a", "b"]) {
    name
    described(first: 2, range: { low: 1 })
    plain: described
    path
    typed
    later
    things { __typename ... on Item { name } ... on Other { code } }
    fails
  }
}`;

describe("callResolversDirectly", () => {
  it("answers exactly as type-graphql's resolvers do", async () => {
    const wrapped = build();
    const direct = build();
    expect(callResolversDirectly(direct)).toBeGreaterThanOrEqual(5);
    const run = (schema: GraphQLSchema) => graphql({ schema, source: query, contextValue: { user: "u1" } });
    const [expected, actual] = await Promise.all([run(wrapped), run(direct)]);
    expect(actual).toEqual(expected);
    expect(actual.errors?.map((e) => e.message)).toEqual(["no a", "no b"]);
    expect(actual.data).toMatchObject({
      items: [
        {
          name: "a",
          described: JSON.stringify(["item", "a", { first: 2, skip: 3 }, { low: 1, high: 9 }, "u1", "u1"]),
          plain: JSON.stringify(["item", "a", { skip: 3 }, null, "u1", "u1"]),
          path: "a:true",
          typed: true,
          later: "A",
          things: [
            { __typename: "Item", name: "a" },
            { __typename: "Other", code: "a" },
          ],
        },
        { name: "b" },
      ],
    });
  });

  it("calls a handler directly, and keeps type-graphql's wrapper for a typed @Root()", () => {
    const schema = build();
    callResolversDirectly(schema);
    const item = schema.getType("Item");
    if (!isObjectType(item)) throw new Error("no Item");
    const fields = item.getFields();
    expect(isCalledDirectly(fields.described)).toBe(true);
    expect(isCalledDirectly(fields.typed)).toBe(false);
    expect(isCalledDirectly(schema.getQueryType()!.getFields().items)).toBe(true);
    // A field with arguments answers synchronously when its method does (type-graphql's wrapper returns a promise).
    const value = fields.described.resolve!({ name: "z" }, { skip: 0 }, { user: "u" }, {} as GraphQLResolveInfo);
    expect(typeof value).toBe("string");
  });

  it("resolves a union's type synchronously, from a name or a class (type-graphql's wrapper answers with a promise)", () => {
    const schema = build();
    callResolversDirectly(schema);
    const thing = schema.getType("Thing");
    if (!isAbstractType(thing)) throw new Error("no Thing");
    expect(resolvesTypeDirectly(thing)).toBe(true);
    const info = {} as GraphQLResolveInfo;
    expect(thing.resolveType!({ name: "x" }, {}, info, thing)).toBe("Item");
    expect(thing.resolveType!({ code: "x" }, {}, info, thing)).toBe("Other");
  });

  it("relies on the application's argument and input classes being plain shapes", () => {
    getSchema();
    const storage = getMetadataStorage();
    const classes = [...storage.argumentTypes, ...storage.inputTypes]
      .map((t) => t.target as new () => object)
      .filter((c) => c !== Paging && c !== Range);
    expect(classes.length).toBeGreaterThan(20);
    // No initializer (a default outside the schema), no method or getter (type-graphql would hand over an instance).
    const initialized = (c: new () => object) => Object.values(new c()).some((v) => v !== undefined);
    const shaped = classes.filter((c) => initialized(c) || Object.getOwnPropertyNames(c.prototype).length > 1);
    expect(shaped.map((c) => c.name)).toEqual([]);
  });

  it("covers every resolver method of the application's schema", () => {
    const schema = getSchema();
    const wrapped: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const [name, field] of Object.entries(type.getFields())) {
        if (field.resolve && !isCalledDirectly(field)) wrapped.push(`${type.name}.${name}`);
      }
    }
    // Connections' totalCount is a method of the object itself, resolved by type-graphql (it is read once per list).
    expect(wrapped.filter((f) => !f.endsWith("Connection.totalCount"))).toEqual([]);
    expect(schema.getQueryType()!.getFields().stakeholders.resolve).toBeDefined();
  });

  it("resolves the type of every interface and union of the application's schema synchronously", () => {
    const abstract = Object.values(getSchema().getTypeMap()).filter(isAbstractType);
    expect(abstract.map((t) => t.name).sort()).toEqual(expect.arrayContaining(["ConflictNode", "Node", "SearchResult"]));
    expect(abstract.filter((t) => !resolvesTypeDirectly(t)).map((t) => t.name)).toEqual([]);
  });
});
