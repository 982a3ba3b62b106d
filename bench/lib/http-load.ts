/** Drives one GraphQL query over HTTP with autocannon at a fixed number of connections. */
import { Latency, latencySummary } from "./stats";
import { AnyQuery, Fixtures } from "./types";

// autocannon ships no type declarations; this is the part of its API used here.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  totalBytes: number;
}
interface AutocannonInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "done", fn: (result: AutocannonResult) => void): void;
  on(event: "reqError", fn: (err: Error) => void): void;
}
type Autocannon = (
  opts: {
    url: string;
    connections: number;
    duration: number;
    requests: AutocannonRequest[];
    timeout?: number;
  },
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require("autocannon");

export interface HttpRun {
  responses: number;
  seconds: number;
  rps: number;
  latency: Latency;
  /** Responses that were not 200 or carried GraphQL errors. */
  failed: number;
  /** Connection errors and timeouts. */
  transportErrors: number;
  firstFailure: string | null;
  bytesPerResponse: number | null;
  /** Ids the write query's responses acknowledged. */
  ackIds: string[];
  /** CPU the bench process itself used while driving the load, as a share of one core. */
  loadGeneratorCpu: number;
}

/** A GraphQL request body for the n-th request of a walker. */
export function requestBody(q: AnyQuery, f: Fixtures, n: number, state: unknown): string {
  return JSON.stringify({ query: q.graphql, variables: q.variables(f, n, state) });
}

/**
 * Runs `q` for `seconds` over `connections` keep-alive connections. Each
 * connection sends its next request when the previous answer arrives; a
 * walker (a query's per-connection state, e.g. a cursor) is handed from one
 * answer to the next request of the same connection.
 */
export function runHttp(opts: {
  url: string;
  q: AnyQuery;
  f: Fixtures;
  connections: number;
  seconds: number;
  counter: { n: number };
  headers?: Record<string, string>;
}): Promise<HttpRun> {
  const { q, f, counter } = opts;
  const latencies: number[] = [];
  const ackIds: string[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  const idle: unknown[] = [];
  const needsData = Boolean(q.advanceGraphql || q.writtenId);

  const fail = (why: string) => {
    failed += 1;
    firstFailure ??= why.slice(0, 500);
  };

  return new Promise((resolve, reject) => {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const instance = autocannon(
      {
        url: `${opts.url}/graphql`,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: 30,
        requests: [
          {
            method: "POST",
            path: "/graphql",
            headers: { "content-type": "application/json", ...opts.headers },
            setupRequest: (req, context) => {
              const walker = idle.length ? idle.pop() : q.initialState?.();
              context.walker = walker;
              return { ...req, body: requestBody(q, f, counter.n++, walker) };
            },
            onResponse: (status, body, context) => {
              const walker = context.walker;
              if (status !== 200) {
                fail(`HTTP ${status}: ${body}`);
              } else if (needsData) {
                let parsed: { data?: unknown; errors?: unknown[] } | null = null;
                try {
                  parsed = JSON.parse(body);
                } catch {
                  fail(`unparsable body: ${body}`);
                }
                if (parsed?.errors?.length) {
                  fail(JSON.stringify(parsed.errors));
                } else if (parsed) {
                  if (q.advanceGraphql) q.advanceGraphql(parsed.data, walker);
                  if (q.writtenId) {
                    const id = q.writtenId(parsed.data, "graphql");
                    if (id) ackIds.push(id);
                    else fail(`no id in ${body}`);
                  }
                }
              } else if (body.includes('"errors"')) {
                fail(body);
              }
              if (walker !== undefined) idle.push(walker);
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const used = process.cpuUsage(cpu);
        resolve({
          responses: latencies.length,
          seconds: result.duration,
          rps: latencies.length / result.duration,
          latency: latencySummary(latencies),
          failed,
          transportErrors: result.errors,
          firstFailure,
          bytesPerResponse: latencies.length ? Math.round(result.totalBytes / latencies.length) : null,
          ackIds,
          loadGeneratorCpu: (used.user + used.system) / 1e6 / seconds,
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      latencies.push(ms);
    });
  });
}
