/**
 * A parser for `timestamptz` values as Postgres sends them in text
 * (`2026-11-28 09:43:31.933123+00`, `… +05:30`), used by `pg` for every row.
 *
 * Every content row carries two of them (created_at, updated_at), so a deep
 * query parses thousands; pg's default parser (postgres-date: a regular
 * expression, then Date construction) was 7% of such a query's CPU. This one
 * reads the digits in place and is about four times faster. Anything else
 * (infinity, BC dates, years before 100, offsets with seconds) goes to the
 * default parser, so the result is always the same as pg's.
 */

/** The value of `length` decimal digits at `at`, or NaN. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Parses a `timestamptz` text value; `fallback` (pg's own parser) takes what
 * this does not recognise.
 */
export function parseTimestamptz(text: string, fallback: (text: string) => unknown): unknown {
  // YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]
  if (text.length < 22 || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(10) !== 32 /* space */) {
    return fallback(text);
  }
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    let scale = 100;
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  const sign = text.charCodeAt(i) === 43 /* + */ ? 1 : text.charCodeAt(i) === 45 /* - */ ? -1 : 0;
  const rest = text.length - i;
  if (!sign || (rest !== 3 && !(rest === 6 && text.charCodeAt(i + 3) === 58 /* : */))) return fallback(text);
  const year = digits(text, 0, 4);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (!(year >= 100)) return fallback(text);
  const offsetMinutes = sign * (digits(text, i + 1, 2) * 60 + (rest === 6 ? digits(text, i + 4, 2) : 0));
  const time =
    Date.UTC(year, digits(text, 5, 2) - 1, digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), ms) -
    offsetMinutes * 60_000;
  return Number.isNaN(time) ? fallback(text) : new Date(time);
}
