import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { useTestDatabase } from "../../../test/support/database";
import { factories, uniqueSlug } from "../../../test/support/factories";
import { SeedValidationError, loadSeedsWith } from "./seed-loader";

const db = useTestDatabase();
const make = factories(() => db.manager);

type Files = Record<string, unknown[]>;

/** A small case touching every file and every nested list; slugs end in `s` so tests never collide. */
function fixture(s: string): Files {
  return {
    "sources.yaml": [{ slug: `src-${s}`, kind: "MEETING_RECORD", title: "Record of a meeting", publishedOn: "2023-06-16", language: "en" }],
    "stakeholders.yaml": [
      {
        slug: `alpha-${s}`,
        name: "Alpha",
        kind: "STATE",
        aliases: ["Republic of Alpha"],
        countryCode: "MLI",
        externalIds: [{ scheme: "wikidata", value: "Q912" }],
      },
      { slug: `beta-${s}`, name: "Beta", kind: "STATE", countryCode: "RUS" },
      { slug: `person-${s}`, name: "A Minister", kind: "PERSON" },
    ],
    "affiliations.yaml": [
      { subject: `person-${s}`, object: `alpha-${s}`, kind: "REPRESENTS", role: "Minister", validFrom: "2021-06-01", source: `src-${s}` },
    ],
    "propositions.yaml": [
      { slug: `p1-${s}`, text: "The mission should end.", tags: ["mission"] },
      { slug: `p2-${s}`, text: "The mission has failed." },
      { slug: `p3-${s}`, text: "The host withdrew its consent." },
      { slug: `p4-${s}`, text: "Failure is not a reason to leave." },
    ],
    "events.yaml": [
      {
        slug: `meeting-${s}`,
        title: "Council meeting",
        kind: "MEETING",
        startDate: "2023-06-16",
        datePrecision: "DAY",
        source: `src-${s}`,
        location: { name: "UN Headquarters", countryCode: "USA", latitude: 40.7489, longitude: -73.968, precision: "EXACT" },
        participants: [
          { stakeholder: `person-${s}`, role: "SPEAKER" },
          { stakeholder: `alpha-${s}`, role: "SPEAKER", note: "Through its minister" },
        ],
        related: [{ event: `vote-${s}`, relation: "PRECEDED" }],
      },
      {
        slug: `vote-${s}`,
        title: "Vote on the resolution",
        kind: "VOTE",
        startDate: "2023-06-30",
        datePrecision: "DAY",
        motion: `p1-${s}`,
        participants: [
          { stakeholder: `alpha-${s}`, role: "VOTER" },
          { stakeholder: `beta-${s}`, role: "VOTER" },
        ],
      },
      {
        slug: `clash-${s}`,
        title: "A clash",
        kind: "ARMED_CLASH",
        startDate: "2022-03-01",
        datePrecision: "MONTH",
        fatalityClaims: [
          { claimant: `alpha-${s}`, source: `src-${s}`, best: 203 },
          { claimant: `beta-${s}`, low: 500, best: 500, note: "at least 500" },
        ],
      },
    ],
    "positions.yaml": [
      {
        slug: `pos1-${s}`,
        stakeholder: `alpha-${s}`,
        proposition: `p1-${s}`,
        stance: "SUPPORT",
        statedOn: "2023-06-16",
        datePrecision: "DAY",
        quote: "Without delay.",
        quoteLanguage: "en",
        speaker: `person-${s}`,
        source: `src-${s}`,
        confidence: 0.9,
        events: [{ event: `meeting-${s}`, relation: "EXPRESSED_AT" }],
      },
    ],
    "votes.yaml": [
      { event: `vote-${s}`, stakeholder: `alpha-${s}`, choice: "YES", explanation: `pos1-${s}` },
      { event: `vote-${s}`, stakeholder: `beta-${s}`, choice: "ABSTAIN" },
    ],
    "arguments.yaml": [
      {
        slug: `arg1-${s}`,
        author: `alpha-${s}`,
        premises: [`p2-${s}`, `p3-${s}`],
        conclusion: `p1-${s}`,
        scheme: "argument-from-consequences",
        source: `src-${s}`,
        statedOn: "2023-06-16",
      },
    ],
    "conflicts.yaml": [
      { slug: `c1-${s}`, kind: "UNDERCUT", attacker: { proposition: `p4-${s}` }, target: { inference: `arg1-${s}` } },
    ],
    "rephrases.yaml": [{ slug: `r1-${s}`, from: `p2-${s}`, to: `p4-${s}`, note: "not really, but a test" }],
  };
}

const TABLES = [
  "source", "stakeholder", "affiliation", "proposition", "event", "event_participant", "fatality_claim", "event_relation",
  "position", "position_event", "vote", "argument", "argument_premise", "conflict", "rephrase",
];

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stancegraph-seed-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `files` (objects are dumped as YAML, strings written as they are) to a fresh folder. */
function folder(files: Record<string, unknown[] | string>): string {
  const dir = fs.mkdtempSync(path.join(tmp, "case-"));
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : stringify(content));
  }
  return dir;
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await db.count(`"${t}"`);
  return out;
}

/** The loader's error, or a failure when it did not throw one. */
async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadSeedsWith(db.manager, dir);
  } catch (err) {
    if (err instanceof SeedValidationError) return err.message.split("\n").slice(1).map((l) => l.trim());
    throw err;
  }
  throw new Error("expected the load to fail");
}

describe("seed loader", () => {
  it("loads every file, resolving slugs to ids, as seed rows (created_by NULL)", async () => {
    const s = uniqueSlug("t");
    const report = await loadSeedsWith(db.manager, folder(fixture(s)));

    expect(report).toMatchObject({ inserted: 28, updated: 0, unchanged: 0, deleted: 0 });
    expect(report.tables).toEqual({
      source: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      stakeholder: { inserted: 3, updated: 0, unchanged: 0, deleted: 0 },
      affiliation: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      proposition: { inserted: 4, updated: 0, unchanged: 0, deleted: 0 },
      event: { inserted: 3, updated: 0, unchanged: 0, deleted: 0 },
      event_participant: { inserted: 4, updated: 0, unchanged: 0, deleted: 0 },
      fatality_claim: { inserted: 2, updated: 0, unchanged: 0, deleted: 0 },
      event_relation: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      position: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      position_event: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      vote: { inserted: 2, updated: 0, unchanged: 0, deleted: 0 },
      argument: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      argument_premise: { inserted: 2, updated: 0, unchanged: 0, deleted: 0 },
      conflict: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
      rephrase: { inserted: 1, updated: 0, unchanged: 0, deleted: 0 },
    });

    const [alpha] = await db.manager.query(`SELECT * FROM stakeholder WHERE slug = $1`, [`alpha-${s}`]);
    expect(alpha).toMatchObject({ kind: "STATE", country_code: "MLI", aliases: ["Republic of Alpha"], version: 1, created_by: null });
    expect(alpha.external_ids).toEqual([{ scheme: "wikidata", value: "Q912" }]);

    const [meeting] = await db.manager.query(`SELECT * FROM event WHERE slug = $1`, [`meeting-${s}`]);
    expect(meeting).toMatchObject({
      start_date: "2023-06-16",
      location_name: "UN Headquarters",
      location_country_code: "USA",
      location_latitude: 40.7489,
      location_longitude: -73.968,
      location_precision: "EXACT",
    });
    const [vote] = await db.manager.query(
      `SELECT p.slug AS motion FROM event e JOIN proposition p ON p.id = e.motion_id WHERE e.slug = $1`,
      [`vote-${s}`],
    );
    expect(vote.motion).toBe(`p1-${s}`);

    const claims = await db.manager.query(
      `SELECT s.slug AS claimant, c.low, c.best, c.high, c.source_id IS NOT NULL AS sourced
       FROM fatality_claim c JOIN event e ON e.id = c.event_id JOIN stakeholder s ON s.id = c.claimant_id
       WHERE e.slug = $1 ORDER BY c.best`,
      [`clash-${s}`],
    );
    expect(claims).toEqual([
      { claimant: `alpha-${s}`, low: null, best: 203, high: null, sourced: true },
      { claimant: `beta-${s}`, low: 500, best: 500, high: null, sourced: false },
    ]);

    const ballots = await db.manager.query(
      `SELECT s.slug, v.choice, p.slug AS explanation FROM vote v JOIN stakeholder s ON s.id = v.stakeholder_id
       LEFT JOIN position p ON p.id = v.explanation_id JOIN event e ON e.id = v.event_id WHERE e.slug = $1 ORDER BY s.slug`,
      [`vote-${s}`],
    );
    expect(ballots).toEqual([
      { slug: `alpha-${s}`, choice: "YES", explanation: `pos1-${s}` },
      { slug: `beta-${s}`, choice: "ABSTAIN", explanation: null },
    ]);

    const premises = await db.manager.query(
      `SELECT p.slug, ap.ordinal FROM argument_premise ap JOIN proposition p ON p.id = ap.proposition_id
       JOIN argument a ON a.id = ap.argument_id WHERE a.slug = $1 ORDER BY ap.ordinal`,
      [`arg1-${s}`],
    );
    expect(premises).toEqual([{ slug: `p2-${s}`, ordinal: 0 }, { slug: `p3-${s}`, ordinal: 1 }]);
    const [conflict] = await db.manager.query(
      `SELECT a.slug AS inference, c.target_argument_id FROM conflict c JOIN argument a ON a.id = c.target_inference_id WHERE c.slug = $1`,
      [`c1-${s}`],
    );
    expect(conflict).toEqual({ inference: `arg1-${s}`, target_argument_id: null });
    const [{ date_precision }] = await db.manager.query(`SELECT date_precision FROM argument WHERE slug = $1`, [`arg1-${s}`]);
    expect(date_precision).toBe("DAY");

    for (const t of TABLES.filter((t) => t !== "argument_premise")) {
      expect(await db.count(`"${t}"`, "created_by IS NOT NULL OR updated_by IS NOT NULL")).toBe(0);
    }
  });

  it("changes nothing on a second load of the same folder", async () => {
    const s = uniqueSlug("t");
    const dir = folder(fixture(s));
    await loadSeedsWith(db.manager, dir);
    const before = await counts();
    const again = await loadSeedsWith(db.manager, dir);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 28, deleted: 0 });
    expect(await counts()).toEqual(before);
    expect(await db.count("proposition", "slug LIKE $1 AND version <> 1", [`%-${s}`])).toBe(0);
  });

  it("updates an edited record (version + 1) and leaves the others alone", async () => {
    const s = uniqueSlug("t");
    const files = fixture(s);
    await loadSeedsWith(db.manager, folder(files));
    (files["propositions.yaml"][1] as { text: string }).text = "The mission has not achieved its objectives.";
    const report = await loadSeedsWith(db.manager, folder(files));

    expect(report).toMatchObject({ inserted: 0, updated: 1, unchanged: 27, deleted: 0 });
    expect(report.tables.proposition).toEqual({ inserted: 0, updated: 1, unchanged: 3, deleted: 0 });
    const rows = await db.manager.query(
      `SELECT slug, text, version, updated_at > created_at AS touched FROM proposition WHERE slug LIKE $1 ORDER BY slug`,
      [`%-${s}`],
    );
    expect(rows.map((r: { slug: string; version: number }) => [r.slug, r.version])).toEqual([
      [`p1-${s}`, 1],
      [`p2-${s}`, 2],
      [`p3-${s}`, 1],
      [`p4-${s}`, 1],
    ]);
    expect(rows[1].text).toBe("The mission has not achieved its objectives.");
  });

  it("treats nested lists as the full set: unlisted children are removed, changed ones updated", async () => {
    const s = uniqueSlug("t");
    const files = fixture(s);
    await loadSeedsWith(db.manager, folder(files));
    const [meeting, , clash] = files["events.yaml"] as Array<Record<string, any>>;
    meeting.participants.pop();
    delete meeting.related;
    clash.fatalityClaims[1].high = 600;
    clash.fatalityClaims.push({ claimant: `person-${s}`, best: 7 });
    const position = files["positions.yaml"][0] as Record<string, any>;
    position.events = [{ event: `vote-${s}`, relation: "RESPONDS_TO" }];
    (files["arguments.yaml"][0] as { premises: string[] }).premises = [`p3-${s}`, `p2-${s}`];

    const report = await loadSeedsWith(db.manager, folder(files));
    expect(report.tables.event_participant).toEqual({ inserted: 0, updated: 0, unchanged: 3, deleted: 1 });
    expect(report.tables.event_relation).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 1 });
    expect(report.tables.fatality_claim).toEqual({ inserted: 1, updated: 1, unchanged: 1, deleted: 0 });
    expect(report.tables.position_event).toEqual({ inserted: 1, updated: 0, unchanged: 0, deleted: 1 });
    expect(report.tables.argument_premise).toEqual({ inserted: 0, updated: 2, unchanged: 0, deleted: 0 });
    // Premises carry no version: the argument's moves on instead.
    expect(report.tables.argument).toEqual({ inserted: 0, updated: 1, unchanged: 0, deleted: 0 });
    expect(report.tables.event).toEqual({ inserted: 0, updated: 0, unchanged: 3, deleted: 0 });

    const [{ version }] = await db.manager.query(`SELECT version FROM argument WHERE slug = $1`, [`arg1-${s}`]);
    expect(version).toBe(2);
    const [claim] = await db.manager.query(
      `SELECT c.high, c.version FROM fatality_claim c JOIN stakeholder s ON s.id = c.claimant_id WHERE s.slug = $1`,
      [`beta-${s}`],
    );
    expect(claim).toEqual({ high: 600, version: 2 });
    expect(await loadSeedsWith(db.manager, folder(files))).toMatchObject({ inserted: 0, updated: 0, deleted: 0 });
  });

  it("reads only the files present, and resolves references to rows already in the database", async () => {
    const subject = await make.stakeholder();
    const object = await make.stakeholder();
    const s = uniqueSlug("t");
    const report = await loadSeedsWith(
      db.manager,
      folder({
        "stakeholders.yaml": [{ slug: `gamma-${s}`, name: "Gamma", kind: "ARMED_GROUP" }],
        "affiliations.yaml": [
          { subject: subject.slug, object: object.slug, kind: "ALLIED_WITH" },
          { subject: `gamma-${s}`, object: object.slug, kind: "OPPOSES", validFrom: "2023-08-01", validTo: "2023-12-31" },
        ],
      }),
    );
    expect(report).toMatchObject({ inserted: 3, updated: 0, unchanged: 0, deleted: 0 });
    expect(await db.count("affiliation", "object_id = $1", [object.id])).toBe(2);
    expect(report.tables.event).toEqual({ inserted: 0, updated: 0, unchanged: 0, deleted: 0 });
  });

  it("names the file, record and field of a broken reference, a bad date and a bad enum, and writes nothing", async () => {
    const s = uniqueSlug("t");
    const files = fixture(s);
    const good = folder(files);
    await loadSeedsWith(db.manager, good);
    const before = await counts();
    const [{ text: textBefore }] = await db.manager.query(`SELECT text FROM proposition WHERE slug = $1`, [`p1-${s}`]);

    (files["propositions.yaml"][0] as { text: string }).text = "Changed, but must not be written.";
    (files["propositions.yaml"] as unknown[]).push({ slug: `p5-${s}`, text: "A new one that must not be written." });
    const events = files["events.yaml"] as Array<Record<string, any>>;
    events[0].participants[0].stakeholder = `nobody-${s}`;
    events[2].startDate = "2023-02-30";
    (files["positions.yaml"][0] as Record<string, unknown>).stance = "AGREE";

    const problems = await problemsOf(folder(files));
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^events\\.yaml › meeting-${s} › participants\\[0\\]\\.stakeholder: no stakeholder has the slug "nobody-${s}" \\(neither in stakeholders\\.yaml nor in the database\\) \\(line \\d+\\)$`),
      ),
      expect.stringMatching(new RegExp(`^events\\.yaml › clash-${s} › startDate: 2023-02-30 is not a date that exists`)),
      expect.stringMatching(new RegExp(`^positions\\.yaml › pos1-${s} › stance: must be one of SUPPORT, OPPOSE, NEUTRAL, MIXED; got "AGREE"`)),
    ]);
    expect(await counts()).toEqual(before);
    const [{ text: textAfter }] = await db.manager.query(`SELECT text FROM proposition WHERE slug = $1`, [`p1-${s}`]);
    expect(textAfter).toBe(textBefore);
  });

  it("reports every other kind of problem at once, each with its place", async () => {
    const s = uniqueSlug("t");
    const files = fixture(s);
    const stakeholders = files["stakeholders.yaml"] as Array<Record<string, unknown>>;
    stakeholders[1].countryCode = "MAL";
    stakeholders[2].nickname = "Minister";
    stakeholders.push({ slug: `alpha-${s}`, name: "Alpha again", kind: "STATE" });
    stakeholders.push({ slug: "Not A Slug", kind: "STATE" });
    (files["affiliations.yaml"][0] as Record<string, unknown>).validTo = "2020-01-01";
    const events = files["events.yaml"] as Array<Record<string, any>>;
    events[0].location.latitude = undefined;
    events[0].kind = "MEETING";
    events[0].motion = `p1-${s}`;
    events[2].startDate = "2022-03-15";
    events[2].fatalityClaims[1].low = 600;
    events[2].fatalityClaims.push({ claimant: `alpha-${s}`, source: `src-${s}`, best: 1 });
    const position = files["positions.yaml"][0] as Record<string, unknown>;
    delete position.quoteLanguage;
    position.confidence = 1.5;
    (files["votes.yaml"] as unknown[]).push({ event: `meeting-${s}`, stakeholder: `beta-${s}`, choice: "NO" });
    (files["votes.yaml"] as unknown[]).push({ event: `vote-${s}`, stakeholder: `beta-${s}`, choice: "NO" });
    (files["conflicts.yaml"][0] as Record<string, unknown>).target = { argument: `arg1-${s}` };
    (files["rephrases.yaml"][0] as Record<string, unknown>).to = `p2-${s}`;
    const dir = folder({ ...files, "position.yaml": [] });
    const before = await counts();

    const problems = await problemsOf(dir);
    const expected = [
      `position.yaml: is not a seed file`,
      `stakeholders.yaml › beta-${s} › countryCode: "MAL" is not an ISO 3166-1 alpha-3 country code`,
      `stakeholders.yaml › person-${s} › nickname: unknown field (expected slug, name, kind,`,
      `stakeholders.yaml › alpha-${s} › slug: duplicate slug: the record at line 1 has the same`,
      `stakeholders.yaml › Not A Slug › slug: must be a slug`,
      `stakeholders.yaml › Not A Slug › name: is required`,
      `affiliations.yaml › person-${s}+alpha-${s}+REPRESENTS+2021-06-01 › validTo: must not be before validFrom (2021-06-01)`,
      `events.yaml › meeting-${s} › motion: is only for VOTE events`,
      `events.yaml › meeting-${s} › location.latitude: latitude and longitude go together`,
      `events.yaml › clash-${s} › startDate: 2022-03-15 has datePrecision MONTH: write it as the 1st of the month (2022-03-01)`,
      `events.yaml › clash-${s} › fatalityClaims[1].low: must not exceed best (500)`,
      `events.yaml › clash-${s} › fatalityClaims[2]: repeats the claimant and source (the key of a fatality claim) of fatalityClaims[0]`,
      `positions.yaml › pos1-${s} › confidence: must be between 0 and 1, got 1.5`,
      `positions.yaml › pos1-${s} › quoteLanguage: is required when there is a quote`,
      `votes.yaml › meeting-${s}+beta-${s} › event: "meeting-${s}" is a MEETING event; ballots belong to VOTE events`,
      `votes.yaml › vote-${s}+beta-${s}: duplicate event+stakeholder: the record at line`,
      `conflicts.yaml › c1-${s} › target: an UNDERCUT targets an argument's inference`,
      `rephrases.yaml › r1-${s} › to: must differ from from`,
    ];
    for (const e of expected) expect(problems.some((p) => p.startsWith(e))).toBe(true);
    expect(problems).toHaveLength(expected.length);
    expect(await counts()).toEqual(before);
  });

  it("reports YAML syntax errors with their line, and a file that is not a list", async () => {
    const dir = folder({
      "sources.yaml": "- slug: a\n  kind: REPORT\n  title: [unclosed\n",
      "propositions.yaml": "slug: not-a-list\ntext: hello\n",
      "stakeholders.yaml": "- slug: x\n  name: X\n  kind: STATE\n  name: Twice\n",
    });
    const problems = await problemsOf(dir);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^sources\.yaml: YAML: .* \(line \d+\)$/);
    expect(problems[1]).toMatch(/^stakeholders\.yaml: YAML: Map keys must be unique \(line 4\)$/);
    expect(problems[2]).toBe("propositions.yaml: must be a YAML list of records (each starting with `- `)");
  });

  it("refuses a folder that does not exist", async () => {
    await expect(loadSeedsWith(db.manager, path.join(tmp, "no-such-folder"))).rejects.toThrow(/does not exist/);
  });
});
