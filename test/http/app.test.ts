/**
 * The HTTP surface of the real app: limits, CSRF, CORS, error masking, probes.
 */
import { gzipSync } from "node:zlib";
import { ErrorCode } from "../../src/errors";
import { Role } from "../../src/modules/auth/api-key.entity";
import { createApiKey } from "../../src/modules/auth/auth.service";
import { uniqueSlug } from "../support/factories";
import { lockWaiters, whileLocked } from "../support/locks";
import { until } from "../support/wait";
import { TestServer, startTestServer } from "./harness";

const ALLOWED = "https://maps.example.org";

/** `levels` × (positions → stakeholder) below a stakeholder: depth 2 × levels + 2. */
const deepQuery = (levels: number): string =>
  `{ stakeholder(slug: "mali") { ${"positions(first: 1) { stakeholder { ".repeat(levels)}slug${" } }".repeat(levels)} } }`;

describe("HTTP app", () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startTestServer({ env: { CORS_ORIGINS: `${ALLOWED},https://other.example.org`, NODE_ENV: "production" } });
  });
  afterAll(async () => {
    await srv?.close();
  });

  describe("probes", () => {
    it("/healthz answers 200", async () => {
      const res = await fetch(`${srv.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    });

    it("/readyz answers 200 while the database answers", async () => {
      const res = await fetch(`${srv.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ready" });
    });

    it("/readyz answers 503 once draining has started", async () => {
      srv.app.draining.value = true;
      try {
        const res = await fetch(`${srv.url}/readyz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: "draining" });
      } finally {
        srv.app.draining.value = false;
      }
    });
  });

  describe("request ids", () => {
    it("echoes a well-formed x-request-id and logs it", async () => {
      const res = await fetch(`${srv.url}/healthz`, { headers: { "x-request-id": "trace-42.a_b" } });
      expect(res.headers.get("x-request-id")).toBe("trace-42.a_b");
      expect(srv.logs).toContainEqual(expect.objectContaining({ requestId: "trace-42.a_b", path: "/healthz", status: 200 }));
    });

    it("replaces a malformed one with a fresh UUID", async () => {
      const res = await fetch(`${srv.url}/healthz`, { headers: { "x-request-id": "no spaces <allowed>" } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    });
  });

  describe("GraphQL over POST", () => {
    it("answers a JSON POST and reports its SQL statements", async () => {
      const res = await srv.gql(`{ stakeholders(first: 1) { totalCount edges { cursor } } }`);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect(typeof res.body.data.stakeholders.totalCount).toBe("number");
      // The page and its count.
      expect(res.headers.get("x-sql-statements")).toBe("2");
      // Analyses read with their own SQL, counted all the same.
      const search = await srv.gql(`{ search(text: "mandate") { score } }`);
      expect(search.body.errors).toBeUndefined();
      expect(search.headers.get("x-sql-statements")).toBe("1");
    });

    it("counts a mutation's statements, its transaction's included, in the header and the request log", async () => {
      const key = await createApiKey(srv.dataSource.manager, uniqueSlug("http-count-key"), Role.EDITOR);
      const slug = uniqueSlug("http-count");
      try {
        const res = await srv.gql(
          `mutation($input: CreateStakeholderInput!) { createStakeholder(input: $input) { slug } }`,
          { input: { slug, name: "Counted", kind: "OTHER" } },
          { authorization: `Bearer ${key.secret}`, "x-request-id": `count-${slug}` },
        );
        expect(res.body.errors).toBeUndefined();
        expect(res.body.data.createStakeholder.slug).toBe(slug);
        // At least the key lookup, START TRANSACTION, the INSERT and COMMIT:
        // without the transaction's statements it would be one or two.
        const counted = Number(res.headers.get("x-sql-statements"));
        expect(counted).toBeGreaterThanOrEqual(4);
        expect(srv.logs).toContainEqual(expect.objectContaining({ requestId: `count-${slug}`, sqlStatements: counted }));
      } finally {
        await srv.dataSource.query(`DELETE FROM stakeholder WHERE slug = $1`, [slug]);
        await srv.dataSource.query(`DELETE FROM api_key WHERE id = $1`, [key.id]);
      }
    });

    it("refuses a mutation without Authorization with UNAUTHENTICATED and writes nothing", async () => {
      const slug = uniqueSlug("http-unauth");
      const res = await srv.gql(
        `mutation($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`,
        { input: { slug, name: "Nobody", kind: "OTHER" } },
      );
      expect(res.body.data).toBeNull();
      expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: ErrorCode.UNAUTHENTICATED } })]);
      const [{ n }] = await srv.dataSource.query(`SELECT count(*)::int AS n FROM stakeholder WHERE slug = $1`, [slug]);
      expect(n).toBe(0);
    });
  });

  describe("body limits", () => {
    it("answers a body over the limit with 413 BAD_REQUEST, and keeps serving", async () => {
      const padding = "x".repeat(srv.config.bodyLimitBytes + 1);
      const res = await fetch(`${srv.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ __typename }`, variables: { padding } }),
      });
      expect(res.status).toBe(413);
      const body = await res.json();
      expect(body.errors).toEqual([
        { message: `Request body is larger than ${srv.config.bodyLimitBytes} bytes`, extensions: { code: ErrorCode.BAD_REQUEST } },
      ]);
      expect((await srv.gql(`{ __typename }`)).body).toEqual({ data: { __typename: "Query" } });
    });

    it("answers malformed JSON with 400 BAD_REQUEST", async () => {
      const res = await fetch(`${srv.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"query": "{ __typename }",`,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [{ message: "The request body is not valid JSON", extensions: { code: ErrorCode.BAD_REQUEST } }],
      });
    });
  });

  describe("bodies and paths", () => {
    const post = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>) =>
      fetch(`${srv.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    it("inflates a gzip-compressed body", async () => {
      const res = await post(new Uint8Array(gzipSync(JSON.stringify({ query: "{ __typename }" }))), { "content-encoding": "gzip" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: "Query" } });
    });

    it("holds an inflated body to the limit too", async () => {
      const padding = "x".repeat(srv.config.bodyLimitBytes);
      const res = await post(new Uint8Array(gzipSync(JSON.stringify({ query: "{ __typename }", variables: { padding } }))), {
        "content-encoding": "gzip",
      });
      expect(res.status).toBe(413);
      expect((await res.json()).errors[0].extensions).toEqual({ code: ErrorCode.BAD_REQUEST });
    });

    it("answers a streamed body (no length given) over the limit with 413, not a dropped connection", async () => {
      const chunk = new TextEncoder().encode(`{"query":"${"x".repeat(64 * 1024)}`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ * chunk.length <= srv.config.bodyLimitBytes) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const res = await fetch(`${srv.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      expect((await res.json()).errors[0].message).toBe(`Request body is larger than ${srv.config.bodyLimitBytes} bytes`);
    });

    it.each([
      ["a JSON string", `"{ __typename }"`, {}, 400, "The request body is not valid JSON"],
      ["another charset", `{"query":"{ __typename }"}`, { "content-type": "application/json; charset=latin1" }, 415, `Charset "latin1" is not supported; send UTF-8`],
      ["an unknown encoding", `{"query":"{ __typename }"}`, { "content-encoding": "zip" }, 415, `Content-Encoding "zip" is not supported`],
    ])("refuses %s with a coded error", async (_what, body, headers, status, message) => {
      const res = await post(body, headers);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual({ errors: [{ message, extensions: { code: ErrorCode.BAD_REQUEST } }] });
    });

    it("answers a path it does not serve with 404 NOT_FOUND", async () => {
      const res = await fetch(`${srv.url}/graphiql`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        errors: [{ message: "Nothing at GET /graphiql: GraphQL is at /graphql", extensions: { code: ErrorCode.NOT_FOUND } }],
      });
    });

    it("answers HEAD on the probes", async () => {
      const res = await fetch(`${srv.url}/healthz`, { method: "HEAD" });
      expect(res.status).toBe(200);
    });
  });

  describe("CSRF prevention", () => {
    it("blocks a GET query a browser could send cross-site without a preflight", async () => {
      const res = await fetch(`${srv.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe(ErrorCode.BAD_REQUEST);
      expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    });

    it("blocks a text/plain POST (a simple request)", async () => {
      const res = await fetch(`${srv.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ query: "{ __typename }" }),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].message).toMatch(/Cross-Site Request Forgery/);
    });

    it("serves a GET query that carries apollo-require-preflight", async () => {
      const res = await fetch(`${srv.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { "apollo-require-preflight": "true" },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: "Query" } });
    });
  });

  describe("CORS", () => {
    it("answers a preflight from an allowed origin", async () => {
      const res = await fetch(`${srv.url}/graphql`, {
        method: "OPTIONS",
        headers: {
          origin: ALLOWED,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,authorization",
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
      expect(res.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    });

    it("lets an allowed origin read the response and its request id", async () => {
      const res = await srv.gql(`{ __typename }`, undefined, { origin: ALLOWED });
      expect(res.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(res.headers.get("access-control-expose-headers")).toMatch(/x-request-id/);
    });

    it("gives no CORS grant to any other origin", async () => {
      const res = await srv.gql(`{ __typename }`, undefined, { origin: "https://evil.example.com" });
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    });
  });

  describe("query limits", () => {
    it("refuses a depth bomb with QUERY_TOO_COMPLEX before any SQL", async () => {
      const res = await srv.gql(deepQuery(8));
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: `The operation has depth 18; the limit is ${srv.config.maxQueryDepth}.`,
          extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, measure: "depth", value: 18, max: srv.config.maxQueryDepth },
        }),
      ]);
      expect(res.headers.get("x-sql-statements")).toBe("0");
    });

    it("refuses an alias bomb with QUERY_TOO_COMPLEX before any SQL", async () => {
      const aliases = Array.from({ length: 1200 }, (_, i) => `s${i}: stakeholders(first: 1) { totalCount }`).join(" ");
      const res = await srv.gql(`{ ${aliases} }`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.extensions)).toEqual([
        { code: ErrorCode.QUERY_TOO_COMPLEX, measure: "fields", value: 2400, max: 1000 },
      ]);
      expect(res.headers.get("x-sql-statements")).toBe("0");
    });

    it("runs a query just within the depth limit", async () => {
      const res = await srv.gql(deepQuery(5)); // depth 12
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    });
  });

  it("serves the playground to a browser on GET /graphql, and redirects / to it", async () => {
    const page = await fetch(`${srv.url}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("<title>Stancegraph</title>");
    // The playground keeps the operation in the URL: a reload must get the page again.
    const reload = await fetch(`${srv.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" },
    });
    expect(reload.status).toBe(200);
    expect(reload.headers.get("content-type")).toMatch(/text\/html/);
    await reload.arrayBuffer();
    const root = await fetch(`${srv.url}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/graphql");
  });
});

describe("HTTP app on a database that is gone", () => {
  let srv: TestServer;

  beforeAll(async () => {
    srv = await startTestServer({ env: { NODE_ENV: "production" } });
    await srv.dataSource.destroy();
  });
  afterAll(async () => {
    await srv?.close();
  });

  it("masks the internal error: no stack, no internal message, but logs it", async () => {
    const res = await srv.gql(`{ stakeholders(first: 1) { totalCount } }`, undefined, { "x-request-id": "gone-1" });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        message: "Internal server error",
        path: ["stakeholders"],
        locations: [{ line: 1, column: 3 }],
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/stack|typeorm|connect|driver|pool|at /i);
    expect(srv.logs).toContainEqual(expect.objectContaining({ msg: "internal error", level: 50 }));
  });

  it("/readyz answers 503", async () => {
    const res = await fetch(`${srv.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "database unavailable" });
  });

  it("/healthz still answers 200: the process is alive", async () => {
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });
});

// A second connection holds the lock: PGlite has one session.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

(embedded ? describe.skip : describe)("HTTP app: the alignment network's settings (real Postgres only)", () => {
  /** Runs `fn` on a server started with `env`, closed after. */
  async function withServer<T>(env: Record<string, string>, fn: (srv: TestServer) => Promise<T>): Promise<T> {
    const srv = await startTestServer({ env });
    try {
      return await fn(srv);
    } finally {
      await srv.close();
    }
  }

  it("ALIGNMENT_TIMEOUT_MS gives the network of everyone its own statement_timeout", () =>
    withServer({ ALIGNMENT_TIMEOUT_MS: "100" }, async (srv) => {
      // The test connections allow 30 s: under theirs the network would wait for the lock to go (at 3 s) and answer.
      const res = await whileLocked(
        srv.dataSource,
        "latest_position",
        () => srv.gql(`{ alignment(mode: SUBTRACT) { edges { weight } } }`),
        3_000,
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([expect.objectContaining({ extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } })]);
    }));

  it("ALIGNMENT_CONCURRENCY: one network of everyone at a time; the next waits without a connection", () =>
    withServer({ ALIGNMENT_CONCURRENCY: "1" }, async (srv) => {
      const network = () => srv.gql(`{ alignment(mode: CONGRUENCE) { edges { weight } } }`);
      const answers = await whileLocked(srv.dataSource, "latest_position", async () => {
        const both = [network(), network()];
        await until(async () => (await lockWaiters(srv.dataSource)) >= 1, "the first network on the lock");
        // Ungated, the second statement would be waiting for the lock as well by now.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await lockWaiters(srv.dataSource)).toBe(1);
        return both;
      });
      const [first, second] = await Promise.all(answers);
      expect(first.body.errors).toBeUndefined();
      expect(second.body).toEqual(first.body);
    }));
});
