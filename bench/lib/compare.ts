/** Compares a GraphQL response with its SQL twin's, and counts what a response holds. */

/** The path of the first difference between two JSON values, or null when they are equal (key order ignored). */
export function firstDifference(a: unknown, b: unknown, path = "data"): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array ≠ object`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${path}: ${a.length} items ≠ ${bb.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], bb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    const d = firstDifference(ao[k], bo[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Objects in a JSON value, nested ones included: the "rows" a response returns. */
export function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value && typeof value === "object") {
    return 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0);
  }
  return 0;
}
