/**
 * Relay connections for root lists: keyset pagination on an ordered, unique
 * sort key, opaque cursors, and a `totalCount` that costs a statement only
 * when a client asks for it.
 */
import { ClassType, Field, Int, ObjectType } from "type-graphql";
import { EntityManager } from "typeorm";
import { badInput } from "../errors";
import { CursorValues, decodeCursor, encodeCursor } from "./cursor";
import { Params, queryRows } from "./sql";
import { Columns } from "./selection";

/** Largest page a client may ask for. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: "Where a page stands in its list." })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: "True when the page was asked for with `after`." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Builds the abstract connection type for a node type; subclass it with @ObjectType(). */
export function ConnectionType<T extends object>(nodeType: ClassType<T>) {
  @ObjectType(`${nodeType.name}Edge`)
  class EdgeType {
    @Field({ description: "Pass as `after` to get the rows that follow this one." })
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  // Not emitted itself: only the concrete subclasses are referenced.
  @ObjectType()
  abstract class Connection {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => [nodeType], { description: "The nodes of `edges`, for clients that need no cursors." })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    /** Set by `paginate`; runs only when `totalCount` is selected. */
    countAll: () => Promise<number>;

    @Field(() => Int, { description: "Rows matching the filter, across all pages." })
    totalCount(): Promise<number> {
      return this.countAll();
    }
  }
  return Connection;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Checks `first` against the cap and returns the page size. */
export function pageSize(first: number | null | undefined, path = "first"): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput([{ path, message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return first;
}

export interface SortKey {
  /** SQL expression, e.g. `t.stated_on`. */
  column: string;
  /** Property of the camelCase row that holds its value, e.g. `statedOn`. */
  property: string;
}

/**
 * Runs one page of `SELECT * FROM <from> WHERE <where>` ordered by `sort`
 * (all keys in one direction, the last one unique) and wraps it in `Conn`.
 */
export async function paginate<T, C extends { edges: Edge<T>[] }>(
  manager: EntityManager,
  Conn: new () => C,
  opts: {
    from: string;
    where: string[];
    params: Params;
    sort: SortKey[];
    direction: "ASC" | "DESC";
    args: PageArgs;
    /** The columns the page's selection needs (selection.ts); the sort columns are added for the cursors. */
    columns?: Columns;
  },
): Promise<C> {
  const size = pageSize(opts.args.first);
  const { params } = opts;
  const filter = [...opts.where];
  const countParams = [...params.values];
  const countWhere = filter.length ? `WHERE ${filter.join(" AND ")}` : "";
  if (opts.args.after) {
    const values = decodeCursor(opts.args.after, opts.sort.length);
    const cols = opts.sort.map((s) => s.column).join(", ");
    const placeholders = values.map((v) => params.add(v)).join(", ");
    filter.push(`(${cols}) ${opts.direction === "ASC" ? ">" : "<"} (${placeholders})`);
  }
  const where = filter.length ? `WHERE ${filter.join(" AND ")}` : "";
  const order = opts.sort.map((s) => `${s.column} ${opts.direction}`).join(", ");
  const limit = params.add(size + 1);
  const select = opts.columns ? [opts.columns.list("t"), ...opts.sort.map((s) => s.column)].join(", ") : "t.*";
  const raw = await queryRows<T>(manager, `SELECT ${select} FROM ${opts.from} ${where} ORDER BY ${order} LIMIT ${limit}`, params.values);
  const rows = raw.slice(0, size);
  const edges = rows.map((node) => ({
    node,
    cursor: encodeCursor(opts.sort.map((s) => (node as Record<string, unknown>)[s.property] as CursorValues[number])),
  }));
  const conn = new Conn() as C & { nodes: T[]; pageInfo: PageInfo; countAll: () => Promise<number> };
  conn.edges = edges;
  conn.nodes = rows;
  conn.pageInfo = {
    hasNextPage: raw.length > size,
    hasPreviousPage: Boolean(opts.args.after),
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  conn.countAll = async () => {
    const [{ count }] = await queryRows<{ count: number }>(manager, `SELECT count(*)::int AS count FROM ${opts.from} ${countWhere}`, countParams);
    return count;
  };
  return conn;
}
