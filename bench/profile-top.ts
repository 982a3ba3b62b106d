/**
 * Summarises a V8 CPU profile (from `npm run bench -- --cpu-prof`, or
 * `node --cpu-prof dist/src/main.js`): the functions with the most self time,
 * and self time per package.
 *
 *   node dist/bench/profile-top.js bench/results/profiles/<file>.cpuprofile [--top 30]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a script comes from: a package under node_modules, node's internals, or the project. */
function packageOf(url: string): string {
  if (!url) return "(native/V8)";
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const i = url.lastIndexOf("node_modules/");
  if (i >= 0) {
    const rest = url.slice(i + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const d = url.indexOf("/dist/");
  return d >= 0 ? url.slice(d + 1) : url.replace(/^file:\/\//, "");
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const t = args.indexOf("--top");
  const top = t >= 0 ? Number(args[t + 1]) : 30;
  if (!file) {
    console.error("usage: node dist/bench/profile-top.js <file.cpuprofile> [--top 30]");
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);

  const fnTime = new Map<string, number>();
  const pkgTime = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || "(anonymous)"}  ${packageOf(url)}${url ? `:${lineNumber + 1}` : ""}`;
    fnTime.set(name, (fnTime.get(name) ?? 0) + us);
    const pkg = packageOf(url).split("/").slice(0, url.includes("/dist/") ? 2 : 1).join("/");
    pkgTime.set(pkg, (pkgTime.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nself time by function:`);
  for (const [name, us] of [...fnTime].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${name}`);
  console.log("\nself time by package:");
  for (const [name, us] of [...pkgTime].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(us)}  ${name}`);
}

main();
