/** The problems found in a seed folder, reported all at once before anything is written. */

export interface SeedProblem {
  /** File name inside the seed folder, e.g. `events.yaml`. */
  file: string;
  /** The record's slug, its natural key (`ghana+un-security-council+ELECTED_MEMBER_OF+2022-01-01`), or `[index]`. */
  record: string;
  /** Field path inside the record, e.g. `participants[2].role`; empty for the whole record or file. */
  field: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

/** `file › record › field: message (line n)`. */
export function formatProblem(p: SeedProblem): string {
  const where = [p.file, p.record, p.field].filter(Boolean).join(" › ");
  return `${where}: ${p.message}${p.line ? ` (line ${p.line})` : ""}`;
}

/** Thrown when a seed folder does not validate; nothing was written. */
export class SeedValidationError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: SeedProblem[],
  ) {
    super(
      `The seed data in ${dir} has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
    this.name = "SeedValidationError";
  }
}
