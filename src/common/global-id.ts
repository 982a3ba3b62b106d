/**
 * Relay global IDs: base64 of "<Type>:<uuid>", opaque to clients, so that
 * `node(id)` can tell which table to read.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

/** Returns null for anything that is not a well-formed global ID. */
export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const sep = decoded.indexOf(":");
  if (sep <= 0) return null;
  const type = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (!/^[A-Za-z]+$/.test(type) || !UUID.test(id)) return null;
  return { type, id };
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
