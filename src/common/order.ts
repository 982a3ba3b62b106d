/**
 * Orders two strings by their UTF-16 code units, as `<` does, with no locale:
 * stable across machines, and for uuids' texts the order Postgres gives the
 * uuids themselves (byte by byte).
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
