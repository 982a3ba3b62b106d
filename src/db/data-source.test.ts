import { createDataSource, sessionConnection, SESSION_OPTIONS } from "./data-source";

describe("sessionConnection", () => {
  it("passes a URL without options through, with the session options", () => {
    const url = "postgres://u:p%40ss@db.example:5432/stancegraph?sslmode=require";
    expect(sessionConnection(url)).toEqual({ connectionString: url, options: SESSION_OPTIONS });
  });

  it("moves the URL's own options after the session options, keeping the rest of the URL", () => {
    const { connectionString, options } = sessionConnection(
      "postgres://u:p%40ss@db.example:5432/stancegraph?options=-c%20search_path%3Dstance&sslmode=require",
    );
    expect(options).toBe(`${SESSION_OPTIONS} -c search_path=stance`);
    const parsed = new URL(connectionString);
    expect(parsed.searchParams.has("options")).toBe(false);
    expect(parsed.searchParams.get("sslmode")).toBe("require");
    expect([parsed.username, parsed.password, parsed.host, parsed.pathname]).toEqual(["u", "p%40ss", "db.example:5432", "/stancegraph"]);
  });

  it("leaves a keyword/value connection string to pg", () => {
    expect(sessionConnection("host=/run/postgresql dbname=stancegraph")).toEqual({
      connectionString: "host=/run/postgresql dbname=stancegraph",
      options: SESSION_OPTIONS,
    });
  });
});

// On the embedded PGlite every client shares the one session the test run
// opened, so no connection's own options can be seen there.
const embedded = Boolean(process.env.STANCEGRAPH_TEST_EMBEDDED);

(embedded ? describe.skip : describe)("createDataSource (real Postgres only; skipped on embedded PGlite)", () => {
  it("keeps JIT off when DATABASE_URL carries options of its own, and applies those too", async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("options", "-c work_mem=7MB");
    const ds = createDataSource({ url: url.toString(), poolSize: 1, statementTimeoutMs: 5_000 });
    await ds.initialize();
    try {
      const [row] = await ds.query(`SELECT current_setting('jit') AS jit, current_setting('work_mem') AS work_mem`);
      expect(row).toEqual({ jit: "off", work_mem: "7MB" });
    } finally {
      await ds.destroy();
    }
  });
});
