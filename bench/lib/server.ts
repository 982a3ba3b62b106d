/** Starts the built server as a child process and watches its memory. */
import { ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { freePort } from "../../src/common/net";
import path from "node:path";

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The last lines the server printed (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

/** Node flags the server runs with: those of `npm start` (package.json) and of the Dockerfile's CMD. */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

interface ProcStat {
  /** The command name (`postgres`, `node`). */
  comm: string;
  ppid: number;
  /** CPU time (user + system) used so far, in seconds. */
  cpuSeconds: number;
}

/** What /proc/<pid>/stat says of a process, or null when it is gone. */
export function procStat(pid: number): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces; the fields follow it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")),
      ppid: Number(fields[1]),
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100, // utime, stime in ticks of 1/100 s
    };
  } catch {
    return null;
  }
}

/** The ids of every process on the machine. */
export function allPids(): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

/** A server process and its cluster workers (its child processes). */
export function serverPids(pid: number): number[] {
  return [pid, ...allPids().filter((p) => procStat(p)?.ppid === pid)];
}

/** Adds up `value` over a server's processes; null when none answers. */
function sumOverServer(pid: number, value: (p: number) => number | null): number | null {
  let total: number | null = null;
  for (const p of serverPids(pid)) {
    const v = value(p);
    if (v !== null) total = (total ?? 0) + v;
  }
  return total;
}

/** CPU time (user + system) a server has used, in seconds: its process and its workers. */
export function cpuSeconds(pid: number): number | null {
  return sumOverServer(pid, (p) => procStat(p)?.cpuSeconds ?? null);
}

/** Resident set size of a server in kB (VmRSS of the process and its workers), or null when it is gone. */
export function rssKb(pid: number): number | null {
  return sumOverServer(pid, (p) => {
    try {
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  });
}

/** Samples a process's RSS every `everyMs` until stopped; reports first, last, max (kB). */
export function watchRss(pid: number, everyMs = 250) {
  const samples: Array<{ t: number; kb: number }> = [];
  const start = Date.now();
  const take = () => {
    const kb = rssKb(pid);
    if (kb !== null) samples.push({ t: Date.now() - start, kb });
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      const kbs = samples.map((s) => s.kb);
      return {
        startKb: kbs[0] ?? null,
        endKb: kbs[kbs.length - 1] ?? null,
        maxKb: kbs.length ? Math.max(...kbs) : null,
      };
    },
  };
}

/**
 * Spawns `node dist/src/main.js` against `databaseUrl` on a free port and
 * waits until /readyz answers; throws with the server's output if it does not.
 */
export async function startServer(opts: {
  root: string;
  databaseUrl: string;
  nodeArgs?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const port = await freePort();
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(opts.nodeArgs ?? []), path.join(opts.root, "dist/src/main.js")], {
    cwd: opts.root,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_ON_START: "false",
      LOG_LEVEL: "warn",
      // As deployed (Dockerfile, docker-compose.yml): graphql-js, among others,
      // skips its development-only checks (instanceOf: 4% of a deep query).
      NODE_ENV: "production",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = `exited with ${signal ?? `code ${code}`}`;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const output = () => lines.join("\n");
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`the server ${exited} before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready after ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, child, output, stop };
}
