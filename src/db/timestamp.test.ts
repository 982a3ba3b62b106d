import { useTestDatabase } from "../../test/support/database";
import { parseTimestamptz } from "./timestamp";

const db = useTestDatabase();

const unexpected = (text: string): never => {
  throw new Error(`fell back on ${text}`);
};

describe("parseTimestamptz", () => {
  // Numeric offsets need no time zone data, so PGlite runs this too.
  const zones = ["'UTC'", "INTERVAL '+05:30' HOUR TO MINUTE", "INTERVAL '-03:30' HOUR TO MINUTE", "INTERVAL '+14:00' HOUR TO MINUTE"];

  it.each(zones)("reads Postgres's text as the instant Postgres means (session zone %s)", async (zone) => {
    await db.manager.query(`SET LOCAL TIME ZONE ${zone}`);
    // 500 instants from the year 101 to about 2130, with microseconds.
    const rows: Array<{ text: string; ms: number }> = await db.manager.query(`
      SELECT t::text AS text, floor(extract(epoch FROM t) * 1000)::bigint AS ms
      FROM (SELECT timestamptz '0101-01-01 00:00:00+00' + ((i::bigint * 2654435761) % 64000000000000000) * interval '1 microsecond' AS t
            FROM generate_series(1, 500) i) s`);
    expect(rows).toHaveLength(500);
    for (const { text, ms } of rows) expect([text, (parseTimestamptz(text, unexpected) as Date).getTime()]).toEqual([text, ms]);
  });

  it("reads whole seconds and every fraction length", () => {
    const at = (text: string) => (parseTimestamptz(text, unexpected) as Date).toISOString();
    expect(at("2023-06-30 12:00:00+00")).toBe("2023-06-30T12:00:00.000Z");
    expect(at("2023-06-30 12:00:00.5+00")).toBe("2023-06-30T12:00:00.500Z");
    expect(at("2023-06-30 12:00:00.123456+00")).toBe("2023-06-30T12:00:00.123Z");
    expect(at("2023-06-30 12:00:00.999999-05:45")).toBe("2023-06-30T17:45:00.999Z");
  });

  it.each(["infinity", "-infinity", "0099-12-31 23:59:59+00", "2000-01-01 00:00:00+00 BC", "1890-01-01 00:00:00+00:19:32", "2023-06-30T12:00:00Z"])(
    "leaves %s to pg's own parser",
    (text) => {
      const fallback = jest.fn(() => "pg's answer");
      expect(parseTimestamptz(text, fallback)).toBe("pg's answer");
      expect(fallback).toHaveBeenCalledWith(text);
    },
  );
});
