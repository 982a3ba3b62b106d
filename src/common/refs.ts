/**
 * Resolves the slugs an input refers to (`stakeholder: "mali"`) to ids, one
 * statement per referenced table, and reports every missing one with its path.
 */
import { EntityManager } from "typeorm";
import { queryRows } from "./sql";
import { AppError, ErrorCode } from "../errors";

export type RefType = "Stakeholder" | "Proposition" | "Source" | "Event" | "Position" | "Argument";

const TABLE: Record<RefType, string> = {
  Stakeholder: "stakeholder",
  Proposition: "proposition",
  Source: "source",
  Event: "event",
  Position: "position",
  Argument: "argument",
};

export interface Ref {
  type: RefType;
  slug: string;
  /** Input path, e.g. `input.events[0].event`. */
  path: string;
}

export class Refs {
  private readonly wanted: Ref[] = [];
  private readonly ids = new Map<string, string>();

  /** Notes a reference to resolve; null/undefined slugs are skipped. */
  add(type: RefType, slug: string | null | undefined, path: string): this {
    if (slug !== null && slug !== undefined) this.wanted.push({ type, slug, path });
    return this;
  }

  /** Looks every reference up; throws NOT_FOUND listing all that do not exist. */
  async resolve(manager: EntityManager): Promise<this> {
    const byType = new Map<RefType, Set<string>>();
    for (const r of this.wanted) {
      if (!byType.has(r.type)) byType.set(r.type, new Set());
      byType.get(r.type)!.add(r.slug);
    }
    for (const [type, slugs] of byType) {
      const rows = await queryRows<{ id: string; slug: string }>(manager, `SELECT id, slug FROM ${TABLE[type]} WHERE slug = ANY($1)`, [
        [...slugs],
      ]);
      for (const row of rows) this.ids.set(`${type}:${row.slug}`, row.id);
    }
    const missing = this.wanted.filter((r) => !this.ids.has(`${r.type}:${r.slug}`));
    if (missing.length) {
      const issues = missing.map((r) => ({ path: r.path, message: `no ${r.type} has the slug "${r.slug}"` }));
      throw new AppError(ErrorCode.NOT_FOUND, `${issues[0].path}: ${issues[0].message}`, {
        field: issues[0].path,
        issues,
      });
    }
    return this;
  }

  /** The id of a resolved reference (null for a null slug). */
  id(type: RefType, slug: string | null | undefined): string | null {
    if (slug === null || slug === undefined) return null;
    const id = this.ids.get(`${type}:${slug}`);
    if (!id) throw new Error(`reference ${type}:${slug} was not resolved`);
    return id;
  }
}
