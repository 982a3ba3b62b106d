import { Framework, Label, PREFERRED_LIMIT, groundedLabelling, isAdmissible, preferredExtensions } from "./acceptability";

function labels(af: Framework): Record<string, Label> {
  return Object.fromEntries(groundedLabelling(af));
}

/** Every preferred extension by exhaustive search over bitmasks: the reference the algorithm is checked against. */
function bruteForcePreferred(af: Framework): string[][] {
  const n = af.args.length;
  const at = (id: string) => af.args.indexOf(id);
  const attackersOf = af.args.map(() => 0);
  for (const [a, b] of af.attacks) attackersOf[at(b)] |= 1 << at(a);
  const admissible: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let attackedByMask = 0;
    for (let j = 0; j < n; j++) if (attackersOf[j] & mask) attackedByMask |= 1 << j;
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      if (!(mask & (1 << i))) continue;
      // conflict-free, and every attacker is counter-attacked
      if (attackersOf[i] & mask || (attackersOf[i] & ~attackedByMask) !== 0) ok = false;
    }
    if (ok) admissible.push(mask);
  }
  const maximal = admissible.filter((s) => !admissible.some((t) => t !== s && (s & t) === s));
  return normalise(maximal.map((m) => af.args.filter((_, i) => m & (1 << i))));
}

function normalise(exts: string[][] | null): string[][] {
  return (exts ?? []).map((e) => [...e].sort().join(",")).sort().map((s) => (s ? s.split(",") : []));
}

describe("grounded labelling", () => {
  it("labels a chain a ← b ← c: c IN, b OUT, a IN", () => {
    expect(labels({ args: ["a", "b", "c"], attacks: [["b", "a"], ["c", "b"]] })).toEqual({ a: "IN", b: "OUT", c: "IN" });
  });

  it("reinstates a when its attacker b is defeated by c", () => {
    const af: Framework = { args: ["a", "b", "c"], attacks: [["b", "a"], ["c", "b"]] };
    expect(groundedLabelling(af).get("a")).toBe("IN");
    // Without c, a stays defeated.
    expect(groundedLabelling({ args: ["a", "b"], attacks: [["b", "a"]] }).get("a")).toBe("OUT");
  });

  it("leaves an odd cycle a → b → c → a UNDECIDED", () => {
    expect(labels({ args: ["a", "b", "c"], attacks: [["a", "b"], ["b", "c"], ["c", "a"]] })).toEqual({
      a: "UNDECIDED",
      b: "UNDECIDED",
      c: "UNDECIDED",
    });
  });

  it("leaves an even cycle a ⇄ b UNDECIDED", () => {
    expect(labels({ args: ["a", "b"], attacks: [["a", "b"], ["b", "a"]] })).toEqual({ a: "UNDECIDED", b: "UNDECIDED" });
  });

  it("leaves a self-attacking argument UNDECIDED, and what it alone attacks too", () => {
    expect(labels({ args: ["s", "t", "u"], attacks: [["s", "s"], ["s", "t"]] })).toEqual({
      s: "UNDECIDED",
      t: "UNDECIDED",
      u: "IN",
    });
  });

  it("labels the Nixon diamond (quaker ⇄ republican) UNDECIDED, and the conclusions built on them", () => {
    // Nixon is a quaker, so a pacifist (q); a republican, so not a pacifist (r);
    // q and r rebut each other; p ("he will protest the war") rests on q and
    // is undermined by r.
    const af: Framework = { args: ["q", "r", "p"], attacks: [["q", "r"], ["r", "q"], ["r", "p"]] };
    expect(labels(af)).toEqual({ q: "UNDECIDED", r: "UNDECIDED", p: "UNDECIDED" });
  });

  it("labels an unattacked argument IN and ignores attacks on unknown ids", () => {
    expect(labels({ args: ["a"], attacks: [["x", "a"], ["a", "y"]] })).toEqual({ a: "IN" });
    expect(labels({ args: [], attacks: [] })).toEqual({});
  });

  it("settles a long chain in linear time", () => {
    const args = Array.from({ length: 5000 }, (_, i) => `a${i}`);
    const attacks = args.slice(1).map((a, i) => [a, args[i]] as const);
    const l = groundedLabelling({ args, attacks });
    expect(l.get("a4999")).toBe("IN");
    expect(l.get("a4998")).toBe("OUT");
    expect(l.get("a0")).toBe("OUT");
  });
});

describe("preferred extensions", () => {
  it("gives the chain one extension, {a, c}", () => {
    expect(preferredExtensions({ args: ["a", "b", "c"], attacks: [["b", "a"], ["c", "b"]] })).toEqual({
      extensions: [["a", "c"]],
      note: null,
    });
  });

  it("gives an odd cycle one empty extension", () => {
    expect(preferredExtensions({ args: ["a", "b", "c"], attacks: [["a", "b"], ["b", "c"], ["c", "a"]] }).extensions).toEqual([[]]);
  });

  it("gives an even cycle two extensions, {a} and {b}", () => {
    expect(preferredExtensions({ args: ["a", "b"], attacks: [["a", "b"], ["b", "a"]] }).extensions).toEqual([["a"], ["b"]]);
  });

  it("never admits a self-attacking argument", () => {
    expect(preferredExtensions({ args: ["s", "u"], attacks: [["s", "s"]] }).extensions).toEqual([["u"]]);
  });

  it("gives the Nixon diamond two extensions: {q, p} and {r}", () => {
    const af: Framework = { args: ["q", "r", "p"], attacks: [["q", "r"], ["r", "q"], ["r", "p"]] };
    expect(preferredExtensions(af).extensions).toEqual([["q", "p"], ["r"]]);
  });

  it("keeps the grounded extension in every preferred extension", () => {
    // c is unattacked and defeats d; the even cycle a ⇄ b splits the rest.
    const af: Framework = { args: ["a", "b", "c", "d"], attacks: [["a", "b"], ["b", "a"], ["c", "d"], ["d", "a"]] };
    expect(preferredExtensions(af).extensions).toEqual([["a", "c"], ["b", "c"]]);
  });

  it("agrees with exhaustive search on random frameworks", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(random() * 12);
      const args = Array.from({ length: n }, (_, i) => `x${i}`);
      const density = random() * 0.5;
      const attacks: Array<[string, string]> = [];
      for (const a of args) for (const b of args) if (random() < density) attacks.push([a, b]);
      const af = { args, attacks };
      const got = preferredExtensions(af).extensions!;
      expect(normalise(got)).toEqual(normalise(bruteForcePreferred(af)));
      for (const ext of got) expect(isAdmissible(af, ext)).toBe(true);
    }
  });

  it("handles many independent even cycles (2^k extensions) within the limit", () => {
    const args: string[] = [];
    const attacks: Array<[string, string]> = [];
    for (let i = 0; i < 6; i++) {
      args.push(`a${i}`, `b${i}`);
      attacks.push([`a${i}`, `b${i}`], [`b${i}`, `a${i}`]);
    }
    expect(preferredExtensions({ args, attacks }).extensions).toHaveLength(64);
  });

  it("returns null with a note above the limit of undecided arguments, but not for decided ones", () => {
    const cycle = (n: number): Framework => {
      const args = Array.from({ length: n }, (_, i) => `c${i}`);
      return { args, attacks: args.map((a, i) => [a, args[(i + 1) % n]] as [string, string]) };
    };
    const big = preferredExtensions(cycle(PREFERRED_LIMIT + 2));
    expect(big.extensions).toBeNull();
    expect(big.note).toMatch(/27 arguments are left undecided/);
    expect(preferredExtensions(cycle(5), 4).extensions).toBeNull();
    expect(preferredExtensions(cycle(5), 5).extensions).toEqual([[]]);
    expect(() => preferredExtensions(cycle(3), 31)).toThrow(RangeError);

    // A long chain is fully decided by grounded semantics: no search needed.
    const args = Array.from({ length: 200 }, (_, i) => `a${i}`);
    const chain = preferredExtensions({ args, attacks: args.slice(1).map((a, i) => [a, args[i]] as [string, string]) });
    expect(chain.extensions).toHaveLength(1);
    expect(chain.extensions![0]).toHaveLength(100);
  });
});
