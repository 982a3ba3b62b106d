/** Latency percentiles and the printed table. */

/** The p-th percentile (0–100) of unsorted values, nearest-rank; null when empty. */
export function percentile(values: number[], p: number, sorted = false): number | null {
  if (!values.length) return null;
  const s = sorted ? values : [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank];
}

export interface Latency {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function latencySummary(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
  return {
    p50: round(percentile(s, 50, true)),
    p95: round(percentile(s, 95, true)),
    p99: round(percentile(s, 99, true)),
    max: round(s.length ? s[s.length - 1] : null),
    mean: round(s.length ? s.reduce((a, b) => a + b, 0) / s.length : null),
  };
}

/** Formats rows as a plain-text table with aligned columns. */
export function table(header: string[], rows: Array<Array<string | number | null>>): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? "–" : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(cells[0]), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export const fmt = {
  ms: (v: number | null) => (v === null ? null : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)),
  rps: (v: number | null) => (v === null ? null : v < 100 ? v.toFixed(1) : v.toFixed(0)),
  mb: (kb: number | null) => (kb === null ? null : (kb / 1024).toFixed(0)),
  bytes: (b: number | null) => (b === null ? null : b < 10_000 ? String(b) : `${(b / 1024).toFixed(0)}k`),
  pct: (v: number | null) => (v === null ? null : `${(v * 100).toFixed(0)}%`),
};
