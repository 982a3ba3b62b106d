/**
 * The argument graph around a root: a breadth-first walk in one recursive
 * SQL statement over premise, conclusion, conflict and rephrase edges (both
 * directions), the edges between the nodes found, the attack relation between
 * its arguments derived in SQL, and their Dung acceptability.
 */
import { EntityManager } from "typeorm";
import { toGlobalId } from "../../common/global-id";
import { byCodeUnits } from "../../common/order";
import { queryRows } from "../../common/sql";
import { Validator } from "../../common/validate";
import { AppError, ErrorCode } from "../../errors";
import { Context } from "../../server/context";
import { Proposition } from "../proposition/proposition.entity";
import { propositionById } from "../proposition/proposition.loaders";
import { Framework, PREFERRED_LIMIT, groundedLabelling, preferredExtensions } from "./acceptability";
import { Argument, ConflictKind } from "./argument.entity";
import { argumentById } from "./argument.loaders";
import {
  ArgumentAttack,
  ArgumentGraph,
  ArgumentGraphEdge,
  ArgumentGraphEdgeKind,
  ArgumentGraphNode,
  ArgumentGraphNodeKind,
} from "./argument.types";

export const DEFAULT_GRAPH_DEPTH = 3;
export const MAX_GRAPH_DEPTH = 10;
export const DEFAULT_GRAPH_NODES = 500;
export const MAX_GRAPH_NODES = 5000;

export interface ArgumentGraphArgs {
  proposition?: string | null;
  argument?: string | null;
  depth?: number | null;
  maxNodes?: number | null;
}

interface WalkRow {
  depth: number;
  kind: ArgumentGraphNodeKind;
  id: string;
}

/**
 * Breadth-first from the root, one row per level: `fa`/`fp` are the argument
 * and proposition ids first reached at that level, `va`/`vp` every id reached
 * so far, so no node is expanded twice and cycles end. Arguments and
 * propositions are kept apart so each step uses the right indexes. A level
 * adds at most enough nodes to pass the cap by one (the smallest kind + id
 * first, so the answer is stable), which is how the caller tells that the cap
 * cut the graph; the walk stops there or at `depth`.
 */
const WALK = `
WITH RECURSIVE walk(depth, fa, fp, va, vp) AS (
  SELECT 0, $1::uuid[], $2::uuid[], $1::uuid[], $2::uuid[]
  UNION ALL
  SELECT w.depth + 1, n.na, n.np, w.va || n.na, w.vp || n.np
    FROM walk w
   CROSS JOIN LATERAL (
     SELECT COALESCE(array_agg(s.id) FILTER (WHERE s.k = 'A'), '{}') AS na,
            COALESCE(array_agg(s.id) FILTER (WHERE s.k = 'P'), '{}') AS np
       FROM (
         SELECT DISTINCT e.k, e.id FROM (
           SELECT 'A' AS k, ap.argument_id AS id FROM argument_premise ap WHERE ap.proposition_id = ANY(w.fp)
           UNION ALL
           SELECT 'P', ap.proposition_id FROM argument_premise ap WHERE ap.argument_id = ANY(w.fa)
           UNION ALL
           SELECT 'P', a.conclusion_id FROM argument a WHERE a.id = ANY(w.fa)
           UNION ALL
           SELECT 'A', a.id FROM argument a WHERE a.conclusion_id = ANY(w.fp)
           UNION ALL
           SELECT CASE WHEN c.target_proposition_id IS NULL THEN 'A' ELSE 'P' END,
                  COALESCE(c.target_argument_id, c.target_inference_id, c.target_proposition_id)
             FROM conflict c WHERE c.attacker_argument_id = ANY(w.fa) OR c.attacker_proposition_id = ANY(w.fp)
           UNION ALL
           SELECT CASE WHEN c.attacker_proposition_id IS NULL THEN 'A' ELSE 'P' END,
                  COALESCE(c.attacker_argument_id, c.attacker_proposition_id)
             FROM conflict c
            WHERE c.target_argument_id = ANY(w.fa) OR c.target_inference_id = ANY(w.fa) OR c.target_proposition_id = ANY(w.fp)
           UNION ALL
           SELECT 'P', r.to_proposition_id FROM rephrase r WHERE r.from_proposition_id = ANY(w.fp)
           UNION ALL
           SELECT 'P', r.from_proposition_id FROM rephrase r WHERE r.to_proposition_id = ANY(w.fp)
         ) e
         -- IN (SELECT unnest(..)) probes a hash of the visited ids; = ANY would scan the array per candidate.
         WHERE NOT (e.k = 'A' AND e.id IN (SELECT unnest(w.va))) AND NOT (e.k = 'P' AND e.id IN (SELECT unnest(w.vp)))
         ORDER BY e.k, e.id
         LIMIT $4::int + 1 - cardinality(w.va) - cardinality(w.vp)
       ) s
   ) n
   WHERE w.depth < $3::int
     AND cardinality(w.va) + cardinality(w.vp) <= $4::int
     AND cardinality(n.na) + cardinality(n.np) > 0
)
SELECT w.depth, 'ARGUMENT' AS kind, x.id FROM walk w, unnest(w.fa) AS x(id)
UNION ALL
SELECT w.depth, 'PROPOSITION', x.id FROM walk w, unnest(w.fp) AS x(id)`;

/** Every edge between the given arguments ($1) and propositions ($2). */
const EDGES = `
SELECT 'PREMISE' AS kind, 'P' AS from_kind, ap.proposition_id AS from_id, 'A' AS to_kind, ap.argument_id AS to_id,
       NULL::conflict_kind AS conflict_kind, ap.ordinal, NULL::uuid AS conflict_id, NULL::uuid AS rephrase_id
  FROM argument_premise ap WHERE ap.argument_id = ANY($1) AND ap.proposition_id = ANY($2)
UNION ALL
SELECT 'CONCLUSION', 'A', a.id, 'P', a.conclusion_id, NULL, NULL, NULL, NULL
  FROM argument a WHERE a.id = ANY($1) AND a.conclusion_id = ANY($2)
UNION ALL
SELECT 'CONFLICT',
       CASE WHEN c.attacker_argument_id IS NULL THEN 'P' ELSE 'A' END,
       COALESCE(c.attacker_argument_id, c.attacker_proposition_id),
       CASE WHEN c.target_proposition_id IS NULL THEN 'A' ELSE 'P' END,
       COALESCE(c.target_argument_id, c.target_inference_id, c.target_proposition_id),
       c.kind, NULL, c.id, NULL
  FROM conflict c
 WHERE (c.attacker_argument_id = ANY($1) OR c.attacker_proposition_id = ANY($2))
   AND (c.target_argument_id = ANY($1) OR c.target_inference_id = ANY($1) OR c.target_proposition_id = ANY($2))
UNION ALL
SELECT 'REPHRASE', 'P', r.from_proposition_id, 'P', r.to_proposition_id, NULL, NULL, NULL, r.id
  FROM rephrase r WHERE r.from_proposition_id = ANY($2) AND r.to_proposition_id = ANY($2)`;

/**
 * The attack relation between the given arguments, derived from conflicts.
 * Argument A attacks argument B when some conflict has
 *   - as attacker A itself, or a proposition that A concludes, and
 *   - as target B itself (whatever its kind), B's inference (UNDERCUT),
 *     B's conclusion (a REBUT against a proposition) or one of B's premises
 *     (an UNDERMINE against a proposition).
 * A proposition that no argument concludes attacks nothing here: in a Dung
 * framework only arguments attack. Conflicts are directed, so a mutual
 * contradiction needs a conflict each way. Arguments are atomic: an attack on
 * an argument for P does not reach arguments that use P as a premise (only
 * an UNDERMINE of P does).
 */
const ATTACKS = `
WITH s AS (SELECT id, conclusion_id FROM argument WHERE id = ANY($1)),
att AS (
  SELECT c.id AS conflict_id, c.kind, a.id AS attacker, c.target_argument_id, c.target_inference_id, c.target_proposition_id
    FROM s a JOIN conflict c ON c.attacker_argument_id = a.id
  UNION ALL
  SELECT c.id, c.kind, a.id, c.target_argument_id, c.target_inference_id, c.target_proposition_id
    FROM s a JOIN conflict c ON c.attacker_proposition_id = a.conclusion_id
)
SELECT x.attacker, x.target, array_agg(DISTINCT x.conflict_id) AS conflict_ids FROM (
  SELECT attacker, target_argument_id AS target, conflict_id FROM att WHERE target_argument_id = ANY($1)
  UNION ALL
  SELECT attacker, target_inference_id, conflict_id FROM att WHERE target_inference_id = ANY($1)
  UNION ALL
  SELECT att.attacker, b.id, att.conflict_id FROM att JOIN s b ON b.conclusion_id = att.target_proposition_id
   WHERE att.kind = 'REBUT'
  UNION ALL
  SELECT att.attacker, ap.argument_id, att.conflict_id FROM att JOIN argument_premise ap ON ap.proposition_id = att.target_proposition_id
   WHERE att.kind = 'UNDERMINE' AND ap.argument_id = ANY($1)
) x GROUP BY x.attacker, x.target`;

export interface DerivedAttack {
  attacker: string;
  target: string;
  conflictIds: string[];
}

/** The attack relation among `argumentIds` (see ATTACKS for the rules), in one statement. */
export async function attackRelation(manager: EntityManager, argumentIds: readonly string[]): Promise<DerivedAttack[]> {
  if (!argumentIds.length) return [];
  return queryRows<DerivedAttack>(manager, ATTACKS, [argumentIds]);
}

/** Validates root-field arguments: issue paths are the argument names themselves. */
class RootArgsValidator extends Validator {
  path(field: string): string {
    return field;
  }

  integer(field: string, value: number, min: number, max: number): void {
    if (!Number.isInteger(value) || value < min || value > max) this.fail(field, `must be between ${min} and ${max}`);
  }
}

function validate(args: ArgumentGraphArgs): { depth: number; maxNodes: number } {
  const v = new RootArgsValidator();
  const roots = [args.proposition, args.argument].filter((r) => r !== null && r !== undefined).length;
  if (roots !== 1) {
    const message = roots ? "give either proposition or argument, not both" : "give proposition or argument: the root of the graph";
    v.fail(args.argument != null ? "argument" : "proposition", message);
  }
  const depth = args.depth ?? DEFAULT_GRAPH_DEPTH;
  const maxNodes = args.maxNodes ?? DEFAULT_GRAPH_NODES;
  v.integer("depth", depth, 1, MAX_GRAPH_DEPTH);
  v.integer("maxNodes", maxNodes, 1, MAX_GRAPH_NODES);
  v.done();
  return { depth, maxNodes };
}

/** The root's id by slug; the argument name is also the table and the issue path. */
async function rootId(manager: EntityManager, args: ArgumentGraphArgs): Promise<{ kind: ArgumentGraphNodeKind; id: string }> {
  const byArgument = args.argument != null;
  const field = byArgument ? "argument" : "proposition";
  const slug = byArgument ? args.argument! : args.proposition!;
  const [row] = await queryRows<{ id: string }>(manager, `SELECT id FROM ${field} WHERE slug = $1`, [slug]);
  if (!row) {
    const message = `no ${byArgument ? "Argument" : "Proposition"} has the slug "${slug}"`;
    throw new AppError(ErrorCode.NOT_FOUND, `${field}: ${message}`, { field, issues: [{ path: field, message }] });
  }
  return { kind: byArgument ? ArgumentGraphNodeKind.ARGUMENT : ArgumentGraphNodeKind.PROPOSITION, id: row.id };
}

const KIND_RANK: Record<ArgumentGraphNodeKind, number> = { ARGUMENT: 0, PROPOSITION: 1 };
const TYPE_OF: Record<"A" | "P", string> = { A: "Argument", P: "Proposition" };

/**
 * The graph within `depth` edges of the root (an argument or a proposition,
 * by slug), at most `maxNodes` nodes, with the acceptability of its
 * arguments. A constant number of statements whatever its size: root, walk,
 * edges, argument rows, proposition rows, attacks.
 */
export async function argumentGraph(ctx: Context, args: ArgumentGraphArgs): Promise<ArgumentGraph> {
  const { depth, maxNodes } = validate(args);
  const root = await rootId(ctx.manager, args);
  const isArgument = root.kind === ArgumentGraphNodeKind.ARGUMENT;
  const walked = await queryRows<WalkRow>(ctx.manager, WALK, [
    isArgument ? [root.id] : [],
    isArgument ? [] : [root.id],
    depth,
    maxNodes,
  ]);
  walked.sort((a, b) => a.depth - b.depth || KIND_RANK[a.kind] - KIND_RANK[b.kind] || byCodeUnits(a.id, b.id));
  const truncated = walked.length > maxNodes;
  const kept = walked.slice(0, maxNodes);
  const argumentIds = kept.filter((n) => n.kind === ArgumentGraphNodeKind.ARGUMENT).map((n) => n.id);
  const propositionIds = kept.filter((n) => n.kind === ArgumentGraphNodeKind.PROPOSITION).map((n) => n.id);

  const [edgeRows, argumentRows, propositionRows, attacks] = await Promise.all([
    queryRows<{
      kind: ArgumentGraphEdgeKind;
      fromKind: "A" | "P";
      fromId: string;
      toKind: "A" | "P";
      toId: string;
      conflictKind: ConflictKind | null;
      ordinal: number | null;
      conflictId: string | null;
      rephraseId: string | null;
    }>(ctx.manager, EDGES, [argumentIds, propositionIds]),
    argumentById(ctx).loadMany(argumentIds),
    propositionById(ctx).loadMany(propositionIds),
    attackRelation(ctx.manager, argumentIds),
  ]);
  const argumentsById = new Map<string, Argument>();
  for (const a of argumentRows) if (a && !(a instanceof Error)) argumentsById.set(a.id, a);
  const propositionsById = new Map<string, Proposition>();
  for (const p of propositionRows) if (p && !(p instanceof Error)) propositionsById.set(p.id, p);

  const nodes: ArgumentGraphNode[] = kept
    .map((n) => {
      const isArg = n.kind === ArgumentGraphNodeKind.ARGUMENT;
      return {
        id: toGlobalId(isArg ? "Argument" : "Proposition", n.id),
        kind: n.kind,
        depth: n.depth,
        argument: isArg ? (argumentsById.get(n.id) ?? null) : null,
        proposition: isArg ? null : (propositionsById.get(n.id) ?? null),
        label: null,
      };
    })
    // A row deleted between the walk and its read is left out rather than returned half.
    .filter((n) => n.argument || n.proposition);
  const slugOf = (n: ArgumentGraphNode) => (n.argument ?? n.proposition)!.slug;
  nodes.sort((a, b) => a.depth - b.depth || KIND_RANK[a.kind] - KIND_RANK[b.kind] || byCodeUnits(slugOf(a), slugOf(b)));

  // The framework takes the order of `nodes`, so results list arguments as the graph does.
  const argumentNodes = nodes.filter((n) => n.argument);
  const framework: Framework = {
    args: argumentNodes.map((n) => n.argument!.id),
    attacks: attacks.map((a) => [a.attacker, a.target] as const),
  };
  const labels = groundedLabelling(framework);
  for (const n of argumentNodes) n.label = labels.get(n.argument!.id)!;
  const preferred = preferredExtensions(framework, PREFERRED_LIMIT);

  const edges: ArgumentGraphEdge[] = edgeRows
    .map((e) => ({
      kind: e.kind,
      from: toGlobalId(TYPE_OF[e.fromKind], e.fromId),
      to: toGlobalId(TYPE_OF[e.toKind], e.toId),
      conflictKind: e.conflictKind,
      ordinal: e.ordinal,
      conflictId: e.conflictId,
      rephraseId: e.rephraseId,
    }))
    .sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.from, b.from) || byCodeUnits(a.to, b.to) || byCodeUnits(a.conflictId ?? "", b.conflictId ?? ""));

  const rank = new Map(framework.args.map((id, i) => [id, i]));
  const derived: ArgumentAttack[] = attacks
    .filter((a) => rank.has(a.attacker) && rank.has(a.target))
    .sort((a, b) => rank.get(a.attacker)! - rank.get(b.attacker)! || rank.get(a.target)! - rank.get(b.target)!)
    .map((a) => ({ attacker: argumentsById.get(a.attacker)!, target: argumentsById.get(a.target)!, conflictIds: a.conflictIds }));
  return {
    root: nodes.find((n) => n.depth === 0)!,
    nodes,
    edges,
    nodeCount: nodes.length,
    edgeCount: edges.length,
    depth,
    maxNodes,
    truncated,
    attacks: derived,
    grounded: argumentNodes.map((n) => ({ argument: n.argument!, label: n.label! })),
    preferredExtensions: preferred.extensions?.map((ext) => ext.map((id) => argumentsById.get(id)!)) ?? null,
    preferredLimit: PREFERRED_LIMIT,
    preferredNote: preferred.note,
  };
}
