/**
 * Batched reads of arguments, conflicts and rephrases, made per request: one
 * statement per field and level, however many parents ask.
 */
import DataLoader from "dataloader";
import { pageSize } from "../../common/connection";
import { Params, byKey, rowsByParent, rowsPerParent, rowsWhereIn } from "../../common/sql";
import { Context } from "../../server/context";
import { Proposition } from "../proposition/proposition.entity";
import { Argument, Conflict, Rephrase } from "./argument.entity";

/** Newest statement first; undated arguments last; ties by slug. */
const ARGUMENT_ORDER = "t.stated_on DESC NULLS LAST, t.slug";
const S_ARGUMENT_ORDER = "s.stated_on DESC NULLS LAST, s.slug";

/**
 * At most `limit` rows per parent of `keys` from `inner`, a SELECT that tags
 * each row with its parent key as its last column, `parent__`, in one
 * statement. For relations whose parent is not one plain column (either
 * direction of a link, an expression), where rowsPerParent does not fit.
 */
async function limitPerParent<T>(
  ctx: Context,
  keys: readonly string[],
  inner: string,
  orderBy: string,
  limit: number,
  params: Params,
): Promise<T[][]> {
  const sql = `SELECT * FROM (
       SELECT s.*, row_number() OVER (PARTITION BY s.parent__ ORDER BY ${orderBy}) AS rn__, s.parent__ AS key__
       FROM (${inner}) s
     ) w WHERE rn__ <= ${params.add(limit)} ORDER BY rn__`;
  // Helper columns: parent__, rn__ and key__.
  return rowsByParent<T>(ctx.manager, sql, params.values, keys, 3);
}

export function argumentById(ctx: Context): DataLoader<string, Argument | null> {
  return ctx.loaders.get("argument.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Argument>(ctx.manager, "argument", "id", ids), (a) => a.id),
  );
}

export function argumentBySlug(ctx: Context): DataLoader<string, Argument | null> {
  return ctx.loaders.get("argument.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Argument>(ctx.manager, "argument", "slug", slugs), (a) => a.slug),
  );
}

export function conflictById(ctx: Context): DataLoader<string, Conflict | null> {
  return ctx.loaders.get("conflict.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Conflict>(ctx.manager, "conflict", "id", ids), (c) => c.id),
  );
}

export function conflictBySlug(ctx: Context): DataLoader<string, Conflict | null> {
  return ctx.loaders.get("conflict.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Conflict>(ctx.manager, "conflict", "slug", slugs), (c) => c.slug),
  );
}

export function rephraseById(ctx: Context): DataLoader<string, Rephrase | null> {
  return ctx.loaders.get("rephrase.byId", async (ids: readonly string[]) =>
    byKey(ids, await rowsWhereIn<Rephrase>(ctx.manager, "rephrase", "id", ids), (r) => r.id),
  );
}

export function rephraseBySlug(ctx: Context): DataLoader<string, Rephrase | null> {
  return ctx.loaders.get("rephrase.bySlug", async (slugs: readonly string[]) =>
    byKey(slugs, await rowsWhereIn<Rephrase>(ctx.manager, "rephrase", "slug", slugs), (r) => r.slug),
  );
}

/** The premises of each argument, in order. */
export function premisesOf(ctx: Context): DataLoader<string, Proposition[]> {
  return ctx.loaders.get("argument.premises", async (ids: readonly string[]) => {
    return rowsByParent<Proposition>(
      ctx.manager,
      `SELECT p.*, ap.argument_id AS parent__
         FROM argument_premise ap JOIN proposition p ON p.id = ap.proposition_id
        WHERE ap.argument_id = ANY($1) ORDER BY ap.ordinal`,
      [ids],
      ids,
    );
  });
}

/** Arguments per author, conclusion, speaker or source, newest first. */
export function argumentsBy(
  ctx: Context,
  column: "author_id" | "conclusion_id" | "speaker_id" | "source_id",
  first: number | null | undefined,
): DataLoader<string, Argument[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`argument.by.${column}:${limit}`, async (keys: readonly string[]) => {
    return rowsPerParent<Argument>(ctx.manager, {
      from: "argument t",
      parentColumn: `t.${column}`,
      parentKeys: keys,
      orderBy: ARGUMENT_ORDER,
      limit,
    });
  });
}

/** Arguments that use each proposition as a premise, newest first. */
export function argumentsWithPremise(ctx: Context, first: number | null | undefined): DataLoader<string, Argument[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`argument.withPremise:${limit}`, async (keys: readonly string[]) => {
    return rowsPerParent<Argument>(ctx.manager, {
      from: "argument_premise ap JOIN argument t ON t.id = ap.argument_id",
      select: "t.*",
      parentColumn: "ap.proposition_id",
      parentKeys: keys,
      orderBy: ARGUMENT_ORDER,
      limit,
    });
  });
}

/**
 * Arguments against each proposition P: those whose conclusion Q is opposed
 * to P by a REBUT conflict, in either direction. Each end of a REBUT stands
 * for a claim: a proposition for itself, an argument for its conclusion; P
 * and Q are opposed when one end's claim is P and the other's is Q (Q ≠ P).
 * So an argument that rebuts P (or rebuts an argument for P) is against P, as
 * is any argument for a proposition that rebuts P or that P rebuts.
 */
export function argumentsAgainst(ctx: Context, first: number | null | undefined): DataLoader<string, Argument[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`argument.against:${limit}`, async (keys: readonly string[]) => {
    const params = new Params();
    const k = params.add(keys);
    // One branch per place P can take in a conflict, each served by an index.
    const opposed = `(
      SELECT DISTINCT o.p, o.q FROM (
        SELECT c.target_proposition_id AS p, COALESCE(c.attacker_proposition_id, aa.conclusion_id) AS q
          FROM conflict c LEFT JOIN argument aa ON aa.id = c.attacker_argument_id
         WHERE c.kind = 'REBUT' AND c.target_proposition_id = ANY(${k})
        UNION ALL
        SELECT ta.conclusion_id, COALESCE(c.attacker_proposition_id, aa.conclusion_id)
          FROM argument ta JOIN conflict c ON c.target_argument_id = ta.id AND c.kind = 'REBUT'
          LEFT JOIN argument aa ON aa.id = c.attacker_argument_id
         WHERE ta.conclusion_id = ANY(${k})
        UNION ALL
        SELECT c.attacker_proposition_id, COALESCE(c.target_proposition_id, ta.conclusion_id)
          FROM conflict c LEFT JOIN argument ta ON ta.id = c.target_argument_id
         WHERE c.kind = 'REBUT' AND c.attacker_proposition_id = ANY(${k})
        UNION ALL
        SELECT aa.conclusion_id, COALESCE(c.target_proposition_id, ta.conclusion_id)
          FROM argument aa JOIN conflict c ON c.attacker_argument_id = aa.id AND c.kind = 'REBUT'
          LEFT JOIN argument ta ON ta.id = c.target_argument_id
         WHERE aa.conclusion_id = ANY(${k})
      ) o WHERE o.p <> o.q
    ) o JOIN argument t ON t.conclusion_id = o.q`;
    return limitPerParent<Argument>(ctx, keys, `SELECT t.*, o.p AS parent__ FROM ${opposed}`, S_ARGUMENT_ORDER, limit, params);
  });
}

/** The key of `argumentsForStance`: a stakeholder and a proposition. */
export function stanceKey(stakeholderId: string, propositionId: string): string {
  return `${stakeholderId}/${propositionId}`;
}

/** Arguments by a stakeholder for a proposition, per `stanceKey`, newest first. */
export function argumentsForStance(ctx: Context, first: number | null | undefined): DataLoader<string, Argument[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`argument.forStance:${limit}`, async (keys: readonly string[]) => {
    const params = new Params();
    const authors = params.add(keys.map((key) => key.split("/")[0]));
    const conclusions = params.add(keys.map((key) => key.split("/")[1]));
    return limitPerParent<Argument>(
      ctx,
      keys,
      `SELECT t.*, t.author_id || '/' || t.conclusion_id AS parent__
         FROM argument t
         JOIN unnest(${authors}::uuid[], ${conclusions}::uuid[]) AS k(author_id, conclusion_id)
           ON t.author_id = k.author_id AND t.conclusion_id = k.conclusion_id`,
      S_ARGUMENT_ORDER,
      limit,
      params,
    );
  });
}

/** Conflicts per attacking argument or proposition, or per attacked proposition, by slug. */
export function conflictsBy(
  ctx: Context,
  column: "attacker_argument_id" | "attacker_proposition_id" | "target_proposition_id",
  first: number | null | undefined,
): DataLoader<string, Conflict[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`conflict.by.${column}:${limit}`, async (keys: readonly string[]) => {
    return rowsPerParent<Conflict>(ctx.manager, {
      from: "conflict t",
      parentColumn: `t.${column}`,
      parentKeys: keys,
      orderBy: "t.slug",
      limit,
    });
  });
}

/** Conflicts that target each argument or its inference, by slug. */
export function conflictsAgainstArgument(ctx: Context, first: number | null | undefined): DataLoader<string, Conflict[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`conflict.againstArgument:${limit}`, async (keys: readonly string[]) => {
    const params = new Params();
    const k = params.add(keys);
    return limitPerParent<Conflict>(
      ctx,
      keys,
      `SELECT t.*, COALESCE(t.target_argument_id, t.target_inference_id) AS parent__
         FROM conflict t WHERE t.target_argument_id = ANY(${k}) OR t.target_inference_id = ANY(${k})`,
      "s.slug",
      limit,
      params,
    );
  });
}

/** Propositions that rephrase each proposition, in either direction, by slug. */
export function rephrasesOf(ctx: Context, first: number | null | undefined): DataLoader<string, Proposition[]> {
  const limit = pageSize(first);
  return ctx.loaders.get(`proposition.rephrases:${limit}`, async (keys: readonly string[]) => {
    const params = new Params();
    const k = params.add(keys);
    return limitPerParent<Proposition>(
      ctx,
      keys,
      `SELECT t.*, r.p AS parent__
         FROM (SELECT from_proposition_id AS p, to_proposition_id AS q FROM rephrase WHERE from_proposition_id = ANY(${k})
               UNION
               SELECT to_proposition_id, from_proposition_id FROM rephrase WHERE to_proposition_id = ANY(${k})) r
         JOIN proposition t ON t.id = r.q`,
      "s.slug",
      limit,
      params,
    );
  });
}
