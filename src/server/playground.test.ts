import { OperationDefinitionNode, parse, specifiedRules, validate } from "graphql";
import { loadConfig } from "../config";
import { measureOperation, queryLimits } from "./limits";
import { PLAYGROUND_EXAMPLES, playgroundHtml, wantsPlayground } from "./playground";
import { getSchema } from "./schema";

describe("playground", () => {
  const config = loadConfig({});

  it.each(PLAYGROUND_EXAMPLES.map((e) => [/(query|mutation) (\w+)/.exec(e.query)?.[2], e] as const))(
    "example %s is valid and well within the query limits",
    (_name, example) => {
      const doc = parse(example.query);
      expect(validate(getSchema(), doc, [...specifiedRules, ...queryLimits(config)])).toEqual([]);
      const op = doc.definitions[0] as OperationDefinitionNode;
      const m = measureOperation(getSchema(), op, () => undefined);
      expect(m.depth).toBeLessThanOrEqual(config.maxQueryDepth - 2);
      expect(m.cost).toBeLessThanOrEqual(config.maxQueryCost / 2);
      if (example.variables) expect(() => JSON.parse(example.variables!)).not.toThrow();
    },
  );

  it("renders a page that loads nothing from the network", () => {
    const html = playgroundHtml();
    expect(html).toContain("<title>Stancegraph</title>");
    expect(html).toContain("WhoWantedMinusmaToContinue");
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/i);
  });
});

describe("wantsPlayground", () => {
  const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  it.each([
    [browser, false, true],
    [browser, true, true],
    ["text/html", true, true],
    ["*/*", false, true],
    ["*/*", true, false],
    [undefined, false, true],
    [undefined, true, false],
    ["application/json", false, false],
    ["application/json, text/html;q=0.5", false, false],
    ["text/*;q=0.9, application/json;q=0.8", true, true],
    ["text/html;q=0, */*", false, false],
    ["image/png", false, false],
  ])("Accept %p, operation in the URL %p: page %p", (accept, withOperation, page) => {
    expect(wantsPlayground(accept, withOperation)).toBe(page);
  });
});
