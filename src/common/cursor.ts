/** Opaque keyset cursors: the sort values of the row they point after. */
import { badInput } from "../errors";

export type CursorValues = Array<string | number>;

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

/** Decodes a cursor, or throws BAD_USER_INPUT naming the argument. */
export function decodeCursor(cursor: string, arity: number, path = "after"): CursorValues {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return values as CursorValues;
    }
  } catch {
    // fall through to the error below
  }
  throw badInput([{ path, message: "is not a cursor returned by this list" }]);
}
