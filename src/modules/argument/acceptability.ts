/**
 * Dung's abstract argumentation (Dung 1995, "On the acceptability of
 * arguments…"), in the labelling formulation of Caminada: every argument is
 * labelled IN (accepted), OUT (defeated by an accepted attacker) or UNDECIDED.
 *
 * Pure functions over string ids: no database, no GraphQL. The argument graph
 * derives the attack relation from conflicts (see `attackRelation` in
 * graph.service.ts) and hands it here.
 */

/** A labelling value. */
export type Label = "IN" | "OUT" | "UNDECIDED";

/** An abstract argumentation framework: arguments and who attacks whom. */
export interface Framework {
  /** Argument ids; their order fixes the order of every result. */
  args: readonly string[];
  /** `[attacker, target]` pairs; pairs naming unknown ids are ignored, duplicates are harmless. */
  attacks: ReadonlyArray<readonly [string, string]>;
}

/**
 * Largest number of arguments the preferred search explores. The search only
 * needs the arguments the grounded labelling leaves UNDECIDED (see
 * `preferredExtensions`), so the limit applies to those, not to the whole
 * framework. Above it the number of preferred extensions, and the search for
 * them, can grow exponentially; the answer is then null with a note.
 */
export const PREFERRED_LIMIT = 25;

/** The search keeps sets as 32-bit masks, so no `limit` may exceed this. */
export const MAX_SEARCH = 30;

/** The outcome of `preferredExtensions`. */
export interface PreferredResult {
  /** Every preferred extension (each in framework order), or null when the search was not run. */
  extensions: string[][] | null;
  /** Why `extensions` is null. */
  note: string | null;
}

interface Indexed {
  ids: string[];
  /** attackers[i]: indexes of the arguments that attack argument i. */
  attackers: number[][];
  /** attacked[i]: indexes of the arguments that argument i attacks. */
  attacked: number[][];
}

function index(af: Framework): Indexed {
  const ids = [...new Set(af.args)];
  const n = ids.length;
  const pos = new Map(ids.map((id, i) => [id, i]));
  const attackers: number[][] = ids.map(() => []);
  const attacked: number[][] = ids.map(() => []);
  const seen = new Set<number>();
  for (const [a, b] of af.attacks) {
    const i = pos.get(a);
    const j = pos.get(b);
    if (i === undefined || j === undefined || seen.has(i * n + j)) continue;
    seen.add(i * n + j);
    attackers[j].push(i);
    attacked[i].push(j);
  }
  return { ids, attackers, attacked };
}

/**
 * The grounded labelling: the least fixed point of the characteristic
 * function, i.e. the most sceptical complete labelling. An argument is IN
 * once every attacker is OUT, OUT once some attacker is IN, and whatever never
 * settles is UNDECIDED (unresolved cycles, self-attack, and what hangs on them).
 *
 * Runs in O(arguments + attacks): each argument is settled at most once and
 * each attack is looked at when its attacker settles.
 */
export function groundedLabelling(af: Framework): Map<string, Label> {
  const indexed = index(af);
  const label = grounded(indexed);
  return new Map(indexed.ids.map((id, i) => [id, label[i]]));
}

function grounded({ ids, attackers, attacked }: Indexed): Label[] {
  const label: Label[] = ids.map(() => "UNDECIDED");
  // Attackers not yet known to be OUT; an argument with none left is IN.
  const pending = attackers.map((a) => a.length);
  const queue: number[] = [];
  for (let i = 0; i < ids.length; i++) if (pending[i] === 0) queue.push(i);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    if (label[i] !== "UNDECIDED") continue;
    label[i] = "IN";
    for (const j of attacked[i]) {
      if (label[j] !== "UNDECIDED") continue;
      label[j] = "OUT";
      for (const k of attacked[j]) {
        pending[k] -= 1;
        if (pending[k] === 0 && label[k] === "UNDECIDED") queue.push(k);
      }
    }
  }
  return label;
}

/**
 * The preferred extensions: the maximal (by set inclusion) admissible sets,
 * i.e. the most credulous positions that can defend themselves. An even cycle
 * a ⇄ b has two, {a} and {b}; an odd cycle has one, the empty set.
 *
 * Every preferred extension contains the grounded extension and excludes what
 * it defeats, so the search runs only over the arguments grounded semantics
 * leaves UNDECIDED (their attackers are UNDECIDED or OUT, so the sub-framework
 * they form has exactly the same complete labellings there). On that part it
 * runs a backtracking labelling search (Nofal, Atkinson & Dunne 2014): try
 * each undecided argument IN, then not IN, propagating what that forces, and
 * prune every branch that can no longer become admissible or can only reach
 * a subset of an extension already found.
 *
 * When more than `limit` arguments are UNDECIDED the search is not run:
 * `extensions` is null and `note` says why.
 */
export function preferredExtensions(af: Framework, limit = PREFERRED_LIMIT): PreferredResult {
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_SEARCH) {
    throw new RangeError(`limit must be an integer between 0 and ${MAX_SEARCH}`);
  }
  const indexed = index(af);
  const { ids } = indexed;
  const label = grounded(indexed);
  const sure = ids.filter((_, i) => label[i] === "IN");
  const open = ids.filter((_, i) => label[i] === "UNDECIDED");
  if (open.length > limit) {
    return {
      extensions: null,
      note: `${open.length} arguments are left undecided by grounded semantics; preferred extensions are only searched up to ${limit}.`,
    };
  }
  const openSet = new Set(open);
  const sub = index({ args: open, attacks: af.attacks.filter(([a, b]) => openSet.has(a) && openSet.has(b)) });
  const order = new Map(ids.map((id, i) => [id, i]));
  const extensions = preferredLabellings(sub)
    .map((inSet) => [...sure, ...inSet.map((i) => sub.ids[i])].sort((a, b) => order.get(a)! - order.get(b)!))
    .sort(compareExtensions(order));
  return { extensions, note: null };
}

function compareExtensions(order: Map<string, number>): (a: string[], b: string[]) => number {
  return (a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = order.get(a[i])! - order.get(b[i])!;
      if (d) return d;
    }
    return a.length - b.length;
  };
}

const BLANK = 0;
const IN = 1;
const OUT = 2;
const MUST_OUT = 3;
const UNDEC = 4;

/**
 * Enumerates the IN sets of the preferred labellings by backtracking over
 * labellings with five labels (Nofal, Atkinson & Dunne, "Algorithms for
 * decision problems in argument systems under preferred semantics", AIJ 2014):
 * BLANK (not decided yet), IN, OUT (attacked by an IN argument), MUST_OUT
 * (attacks an IN argument, so something IN must still attack it) and UNDEC
 * (decided not to be IN). Each BLANK argument is tried IN, then UNDEC.
 */
function preferredLabellings({ ids, attackers, attacked }: Indexed): number[][] {
  const n = ids.length;
  // IN sets as bit masks: n is at most MAX_SEARCH, so they fit a 32-bit integer.
  let found: number[] = [];
  const covered = (mask: number) => found.some((f) => (mask & ~f) === 0);

  const makeIn = (l: Uint8Array, x: number): void => {
    l[x] = IN;
    for (const z of attacked[x]) l[z] = OUT;
    for (const z of attackers[x]) if (l[z] !== OUT) l[z] = MUST_OUT;
  };

  const search = (l: Uint8Array): void => {
    for (;;) {
      let blank = 0;
      let reach = 0;
      for (let i = 0; i < n; i++) {
        if (l[i] === BLANK) blank |= 1 << i;
        if (l[i] === BLANK || l[i] === IN) reach |= 1 << i;
      }
      if (!blank) break;
      // A MUST_OUT argument that no BLANK argument attacks can never be defeated: dead end.
      for (let i = 0; i < n; i++) {
        if (l[i] === MUST_OUT && !attackers[i].some((w) => l[w] === BLANK)) return;
      }
      // Whatever this branch finds is at most IN ∪ BLANK: useless if a found extension covers it.
      if (covered(reach)) return;
      let safe = -1;
      let y = -1;
      let best = -1;
      for (let b = 0; b < n && safe < 0; b++) {
        if (l[b] !== BLANK) continue;
        // Attackers all (to be) OUT: b can join any admissible set found below
        // without conflict, so leaving it out is never maximal.
        if (attackers[b].every((z) => l[z] === OUT || l[z] === MUST_OUT)) safe = b;
        // Otherwise branch on the argument that settles the most.
        const score = attacked[b].filter((z) => l[z] === BLANK || l[z] === MUST_OUT).length;
        if (score > best) {
          best = score;
          y = b;
        }
      }
      if (safe >= 0) {
        makeIn(l, safe);
        continue;
      }
      const withY = Uint8Array.from(l);
      makeIn(withY, y);
      search(withY);
      l[y] = UNDEC;
    }
    let inMask = 0;
    for (let i = 0; i < n; i++) {
      if (l[i] === MUST_OUT) return;
      if (l[i] === IN) inMask |= 1 << i;
    }
    if (covered(inMask)) return;
    found = found.filter((f) => (f & ~inMask) !== 0);
    found.push(inMask);
  };

  const start = new Uint8Array(n).fill(BLANK);
  // A self-attacking argument is in no conflict-free set.
  for (let i = 0; i < n; i++) if (attacked[i].includes(i)) start[i] = UNDEC;
  search(start);
  return found.map((mask) => ids.map((_, i) => i).filter((i) => mask & (1 << i)));
}

/**
 * True when `set` is admissible: conflict-free, and it attacks every attacker
 * of its members. Exported for tests and for clients that check a position.
 */
export function isAdmissible(af: Framework, set: readonly string[]): boolean {
  const { ids, attackers } = index(af);
  const pos = new Map(ids.map((id, i) => [id, i]));
  const members = new Set(set.map((id) => pos.get(id)).filter((i): i is number => i !== undefined));
  const attackedByMembers = new Set<number>();
  for (let j = 0; j < ids.length; j++) if (attackers[j].some((i) => members.has(i))) attackedByMembers.add(j);
  for (const m of members) {
    for (const a of attackers[m]) {
      if (members.has(a)) return false;
      if (!attackedByMembers.has(a)) return false;
    }
  }
  return true;
}
