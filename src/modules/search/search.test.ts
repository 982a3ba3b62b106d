import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";
import { renderSnippet } from "./search.service";

const db = useTestDatabase();
const make = factories(() => db.manager);

const SEARCH = `query($text: String!, $types: [SearchType!], $language: SearchLanguage, $first: Int, $start: String, $stop: String, $escape: Boolean) {
  search(text: $text, types: $types, language: $language, first: $first, startSel: $start, stopSel: $stop, escapeHtml: $escape) {
    type score snippet
    node {
      __typename
      ... on Stakeholder { slug }
      ... on Proposition { slug }
      ... on Position { quote }
      ... on Event { slug }
      ... on Source { slug }
    }
  }
}`;

interface Hit {
  type: string;
  score: number;
  snippet: string;
  node: { __typename: string; slug?: string; quote?: string };
}

async function search(text: string, vars: Record<string, unknown> = {}): Promise<Hit[]> {
  const res = await db.gql(SEARCH, { text, ...vars });
  expect(res.errors).toBeUndefined();
  return res.data!.search;
}

const key = (h: Hit) => h.node.slug ?? h.node.quote;

describe("search", () => {
  it("has the French text-search configuration on this database (no fallback to simple needed)", async () => {
    const rows: Array<{ cfgname: string }> = await db.manager.query(
      `SELECT cfgname FROM pg_ts_config WHERE cfgname IN ('english', 'french', 'simple') ORDER BY cfgname`,
    );
    expect(rows.map((r) => r.cfgname)).toEqual(["english", "french", "simple"]);
  });

  it("ranks English stem matches, titles and names above descriptions, and highlights them", async () => {
    const prop = await make.proposition({ slug: uniqueSlug("withdraw"), text: "MINUSMA should withdraw from Mali without delay" });
    const event = await make.event({
      slug: uniqueSlug("meeting"),
      title: "Security Council meeting",
      description: "Members discussed the withdrawal timetable",
    });
    const other = await make.proposition({ text: "The mandate should be renewed" });
    const hits = await search("withdrawal");
    const keys = hits.map(key);
    expect(keys).toContain(prop.slug);
    expect(keys).toContain(event.slug);
    expect(keys).not.toContain(other.slug);
    expect(keys.indexOf(prop.slug)).toBeLessThan(keys.indexOf(event.slug));
    const p = hits.find((h) => h.node.slug === prop.slug)!;
    const e = hits.find((h) => h.node.slug === event.slug)!;
    expect(p).toMatchObject({ type: "PROPOSITION", node: { __typename: "Proposition" } });
    expect(e).toMatchObject({ type: "EVENT", node: { __typename: "Event" } });
    expect(p.score).toBeGreaterThan(e.score);
    expect(p.score).toBeLessThan(1);
    expect(p.snippet).toContain("<b>withdraw</b>");
    expect(e.snippet).toContain("<b>withdrawal</b>");
  });

  it("finds a French quote by another form of the same French stem, and says what the stemmer does not join", async () => {
    const s = await make.stakeholder();
    const p = await make.proposition();
    const quote = `La MINUSMA doit se retirer du Mali sans délai ${uniqueSlug("q")}`;
    await make.position({ stakeholder_id: s.id, proposition_id: p.id, quote, quote_language: "fr" });

    // "retirée" and "retirer" share the French (Snowball) stem "retir".
    const hits = await search("retirée");
    const hit = hits.find((h) => h.node.quote === quote)!;
    expect(hit).toMatchObject({ type: "POSITION", node: { __typename: "Position" } });
    expect(hit.snippet).toContain("<b>retirer</b>");
    // English stemming alone does not reduce "retirée" to that stem, nor do exact words match it.
    expect((await search("retirée", { language: "ENGLISH" })).map(key)).not.toContain(quote);
    expect((await search("retirée", { language: "FRENCH" })).map(key)).toContain(quote);
    // The noun "retrait" stems to "retr", not "retir": the stemmer does not join it to "retirer".
    expect((await search("retrait")).map(key)).not.toContain(quote);
    const stems: Array<{ a: string; b: string; c: string }> = await db.manager.query(
      `SELECT to_tsvector('french', 'retrait')::text AS a, to_tsvector('french', 'retirer')::text AS b,
              to_tsvector('french', 'retirée')::text AS c`,
    );
    expect(stems[0]).toEqual({ a: "'retr':1", b: "'retir':1", c: "'retir':1" });
  });

  it("finds names by alias and documents by their symbol (simple configuration), symbol first where it is the title", async () => {
    const ecowas = await make.stakeholder({
      slug: uniqueSlug("ecowas"),
      name: "Economic Community of West African States",
      aliases: ["CEDEAO", "ECOWAS"],
    });
    const source = await make.source({ slug: uniqueSlug("res"), title: "Resolution 2690", document_symbol: "S/RES/2690 (2023)" });
    const event = await make.event({ slug: uniqueSlug("adopt"), title: "Adoption", document_symbol: "S/RES/2690 (2023)" });
    expect((await search("cedeao")).map(key)).toContain(ecowas.slug);
    const bySymbol = (await search("S/RES/2690")).map(key);
    expect(bySymbol.indexOf(source.slug)).toBeGreaterThanOrEqual(0);
    expect(bySymbol.indexOf(source.slug)).toBeLessThan(bySymbol.indexOf(event.slug));
    expect((await search("S/RES/2690", { types: ["EVENT"] })).map((h) => h.type)).toEqual(["EVENT"]);
  });

  it("lets the client choose the highlight markers, and escapes HTML in the text unless told not to", async () => {
    const word = uniqueSlug("zorblax").replace(/-/g, "");
    // (Not "<script>": the parser skips everything after it, as it skips the contents of a script element.)
    await make.proposition({ text: `Tom & Jerry say "1 < 2" ${word} loudly` });
    const [html] = await search(word);
    expect(html.snippet).toBe(`Tom &amp; Jerry say &quot;1 &lt; 2&quot; <b>${word}</b> loudly`);
    const [plain] = await search(word, { start: "[[", stop: "]]", escape: false });
    expect(plain.snippet).toBe(`Tom & Jerry say "1 < 2" [[${word}]] loudly`);
    expect(renderSnippet("a \u0002b\u0003 <c>", "<mark>", "</mark>", true)).toBe("a <mark>b</mark> &lt;c&gt;");
  });

  it("shows short texts whole and cuts long ones to a window around the match", async () => {
    const word = uniqueSlug("snarfle").replace(/-/g, "");
    const short = await make.proposition({ text: `MINUSMA's departure and the ${word} of the peace agreement` });
    const filler = Array.from({ length: 80 }, (_, i) => `filler${i}`).join(" ");
    const long = await make.proposition({ text: `${filler} then the ${word} came ${filler}` });
    const hits = await search(word);
    const snippetOf = (slug: string) => hits.find((h) => h.node.slug === slug)!.snippet;
    expect(snippetOf(short.slug)).toBe(`MINUSMA&#39;s departure and the <b>${word}</b> of the peace agreement`);
    const cut = snippetOf(long.slug);
    expect(cut).toContain(`<b>${word}</b>`);
    expect(cut.split(" ").length).toBeLessThanOrEqual(36);
  });

  it("keeps the index in step with inserts, updates and deletes", async () => {
    const before = uniqueSlug("quuxolot").replace(/-/g, "");
    const after = uniqueSlug("frobnitz").replace(/-/g, "");
    const p = await make.proposition({ text: `Say ${before}` });
    expect(await search(before)).toHaveLength(1);
    await db.manager.query(`UPDATE proposition SET tags = '{x}' WHERE id = $1`, [p.id]);
    expect(await search(before)).toHaveLength(1);
    await db.manager.query(`UPDATE proposition SET text = $2 WHERE id = $1`, [p.id, `Say ${after}`]);
    expect(await search(before)).toHaveLength(0);
    expect(await search(after)).toHaveLength(1);
    await db.manager.query(`DELETE FROM proposition WHERE id = $1`, [p.id]);
    expect(await search(after)).toHaveLength(0);
    expect(await db.count("search_document", "id = $1", [p.id])).toBe(0);
  });

  it("answers in one statement, and the GIN index serves the match", async () => {
    const word = uniqueSlug("blorptastic").replace(/-/g, "");
    const s = await make.stakeholder({ name: `The ${word} people` });
    await make.position({ stakeholder_id: s.id, proposition_id: (await make.proposition()).id, quote: `We are ${word}`, quote_language: "en" });
    const res = await db.gql(SEARCH, { text: word });
    expect(res.data!.search.map((h: Hit) => h.type).sort()).toEqual(["POSITION", "STAKEHOLDER"]);
    expect(res.statements).toBe(1);

    await db.manager.query(`SET LOCAL enable_seqscan = off`);
    const plan: Array<{ "QUERY PLAN": string }> = await db.manager.query(
      `EXPLAIN SELECT id FROM search_document d WHERE d.document @@ search_query($1, true, true)`,
      [word],
    );
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("search_document_idx");
  });

  it("refuses empty or overlong text", async () => {
    for (const text of ["", "   ", "x".repeat(201)]) {
      const res = await db.gql(SEARCH, { text });
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "text" });
    }
    const tooMany = await db.gql(SEARCH, { text: "mali", first: 101 });
    expect(tooMany.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});
