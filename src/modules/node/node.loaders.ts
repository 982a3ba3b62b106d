/** Loaders behind `node(id)` and the audit fields. */
import DataLoader from "dataloader";
import { byKey, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { NODE_TABLES } from "./node.types";

/** Loads records of one GraphQL type by uuid, tagged with their type for `Node.resolveType`. */
export function nodeById(ctx: Context, type: string): DataLoader<string, object | null> {
  const table = NODE_TABLES[type];
  return ctx.loaders.get(`node.${type}`, async (ids: readonly string[]) => {
    if (!table) return ids.map(() => null);
    const rows = await rowsWhereIn<{ id: string }>(ctx.manager, table, "id", ids);
    for (const row of rows) Object.defineProperty(row, "__typename", { value: type, enumerable: false });
    return byKey(ids, rows, (r) => r.id);
  });
}

export function apiKeyName(ctx: Context): DataLoader<string, string | null> {
  return ctx.loaders.get("apiKey.name", async (ids: readonly string[]) => {
    const rows = await rowsWhereIn<{ id: string; name: string }>(ctx.manager, "api_key", "id", ids);
    return byKey(ids, rows, (r) => r.id).map((r) => r?.name ?? null);
  });
}
