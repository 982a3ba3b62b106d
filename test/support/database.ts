/**
 * Database tests in rolled-back transactions: each test runs inside a
 * transaction on one connection, and everything it wrote is gone after it.
 * Mutations inside open savepoints, so a failed write can be checked for
 * leftovers within the same test.
 */
import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { OperationTypeNode, getOperationAST, parse } from "graphql";
import { DataSource, EntityManager, QueryRunner } from "typeorm";
import { loadConfig } from "../../src/config";
import { createDataSource } from "../../src/db/data-source";
import { countOn } from "../../src/db/query-counter";
import { createApollo } from "../../src/server/apollo";
import { Context, createContext } from "../../src/server/context";
import { createLogger } from "../../src/server/logger";

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: readonly (string | number)[]; extensions?: Record<string, any> }>;
  /** SQL statements the operation issued. */
  statements: number;
}

export interface TestDatabase {
  /** The data source (one connection on PGlite); outside the test transaction. */
  readonly dataSource: DataSource;
  /** The current test's transaction. */
  readonly manager: EntityManager;
  /**
   * Runs an operation through Apollo (limits, error masking) inside the test
   * transaction. A query runs twice, compiled and interpreted
   * (src/server/compiled-execution.ts), and must answer alike, with as many
   * statements.
   */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { key?: string },
  ): Promise<GqlResult<T>>;
  /** Rows of a table matching a condition, read inside the test transaction. */
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
}

/** Opens a data source on the test database (see global-setup.ts). */
export function openTestDataSource(): DataSource {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the tests through jest (global-setup.ts)");
  return createDataSource({
    url,
    poolSize: process.env.STANCEGRAPH_TEST_EMBEDDED ? 1 : 4,
    statementTimeoutMs: 30_000,
  });
}

/**
 * The app's loaders run queries concurrently; in production each takes a
 * pooled connection, but a test funnels them into one client. pg would queue
 * them itself (with a deprecation warning), so queue them here instead.
 */
function serialize(client: { query: (...args: any[]) => any }): void {
  const query = client.query.bind(client);
  let tail: Promise<unknown> = Promise.resolve();
  client.query = (...args: any[]) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}

/** True for a well-formed query operation (not a mutation, not a document that fails to parse). */
function isQuery(source: string): boolean {
  try {
    return getOperationAST(parse(source))?.operation === OperationTypeNode.QUERY;
  } catch {
    return false;
  }
}

export function useTestDatabase(): TestDatabase {
  let dataSource: DataSource;
  let runner: QueryRunner | undefined;
  let apollo: ApolloServer<Context>;
  /** graphql-js's interpreter, to check the compiled answers against; undefined when `apollo` interprets too. */
  let interpreter: ApolloServer<Context> | undefined;

  beforeAll(async () => {
    dataSource = openTestDataSource();
    await dataSource.initialize();
    const config = loadConfig({ ...process.env, LOG_LEVEL: "silent" });
    const logger = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
    apollo = createApollo(config, logger);
    await apollo.start();
    if (config.compileAfter > 0) {
      interpreter = createApollo({ ...config, compileAfter: 0 }, logger);
      await interpreter.start();
    }
  });

  afterAll(async () => {
    await apollo?.stop();
    await interpreter?.stop();
    await dataSource?.destroy();
  });

  beforeEach(async () => {
    runner = dataSource.createQueryRunner();
    serialize(await runner.connect());
    await runner.startTransaction();
  });

  afterEach(async () => {
    if (!runner) return;
    await runner.rollbackTransaction();
    const client = (runner as unknown as { databaseConnection?: { query: unknown } }).databaseConnection;
    if (client) delete (client as { query?: unknown }).query; // back to the prototype's query
    await runner.release();
    runner = undefined;
  });

  const current = (): QueryRunner => {
    if (!runner) throw new Error("no test transaction: call inside a test");
    return runner;
  };

  return {
    get dataSource() {
      return dataSource;
    },
    get manager() {
      return current().manager;
    },
    async gql(query, variables, opts) {
      const run = async (server: ApolloServer<Context>) => {
        const contextValue = createContext({
          manager: current().manager,
          authorization: opts?.key ? `Bearer ${opts.key}` : undefined,
        });
        // Everything runs on the test's query runner, so its counter sees every statement.
        const stats = { statements: 0 };
        countOn(current(), stats);
        const result = await server.executeOperation({ query, variables }, { contextValue });
        if (result.body.kind !== "single") throw new Error("incremental delivery is not used");
        const { data, errors } = result.body.singleResult;
        return { data: data as any, errors: errors as GqlResult["errors"], statements: stats.statements, status: result.http.status };
      };
      const { status, ...answer } = await run(apollo);
      if (interpreter && isQuery(query)) {
        const { status: expectedStatus, ...expected } = await run(interpreter);
        // JSON, so that the order of the fields counts too.
        if (JSON.stringify(answer) !== JSON.stringify(expected) || status !== expectedStatus) {
          expect({ compiled: answer, status }).toEqual({ compiled: expected, status: expectedStatus });
          throw new Error(`compiled and interpreted execution order the answer differently:\n${JSON.stringify(answer)}\n${JSON.stringify(expected)}`);
        }
      }
      return answer;
    },
    async count(table, where = "TRUE", params = []) {
      const [{ n }] = await current().query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
      return n;
    },
  };
}
