/**
 * SQL fragments that build, inside Postgres, the same strings the server
 * makes in JavaScript, so the hand-written twins return identical bodies.
 */

/** base64url without padding of a text expression (Postgres' base64 also wraps lines at 76 characters). */
export function base64url(textExpr: string): string {
  return `translate(encode(convert_to(${textExpr}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

/** The Relay global ID of a row: base64url("<Type>:<uuid>"), as src/common/global-id.ts. */
export function gid(type: string, idExpr: string): string {
  return base64url(`'${type}:' || ${idExpr}::text`);
}

/** A keyset cursor over (date, uuid): base64url of the JSON array, as src/common/cursor.ts. */
export function dateIdCursor(dateExpr: string, idExpr: string): string {
  return base64url(`'["' || ${dateExpr}::text || '","' || ${idExpr}::text || '"]'`);
}

/** Decodes a cursor made by `dateIdCursor` (or by the server) into its values. */
export function decodeCursor(cursor: string): unknown[] {
  return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
}

/** The uuid inside a global ID. */
export function idOf(globalId: string): string {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  return decoded.slice(decoded.indexOf(":") + 1);
}
