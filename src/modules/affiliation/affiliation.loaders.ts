/** Batched reads of affiliations, from either end, optionally as of a date. */
import DataLoader from "dataloader";
import { Params, rowsPerParent } from "../../common/sql";
import { Context } from "../../server/context";
import { Affiliation, AffiliationKind } from "./affiliation.entity";

export interface AffiliationArgs {
  /** Only relations that hold on this date. */
  at?: string | null;
  kind?: AffiliationKind[] | null;
}

export function affiliationsBy(
  ctx: Context,
  parentColumn: "subject_id" | "object_id",
  args: AffiliationArgs,
): DataLoader<string, Affiliation[]> {
  const kind = args.kind?.length ? args.kind : null;
  return ctx.loaders.get(`affiliation.by.${parentColumn}:${args.at}:${kind}`, async (keys: readonly string[]) => {
    const params = new Params();
    const where: string[] = [];
    if (args.at) {
      const at = params.add(args.at);
      where.push(`(t.valid_from IS NULL OR t.valid_from <= ${at}::date) AND (t.valid_to IS NULL OR t.valid_to >= ${at}::date)`);
    }
    if (kind) where.push(`t.kind = ANY(${params.add(kind)}::affiliation_kind[])`);
    return rowsPerParent<Affiliation>(ctx.manager, {
      from: "affiliation t",
      parentColumn: `t.${parentColumn}`,
      parentKeys: keys,
      orderBy: "t.valid_from DESC NULLS LAST, t.kind, t.id",
      limit: 1000,
      where,
      params,
    });
  });
}
