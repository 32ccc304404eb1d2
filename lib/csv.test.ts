// CSV escaping: quotes, commas and line breaks quoted; formula-looking cells defused; numbers, dates and blanks.
import { describe, expect, it } from "vitest";
import { csvCell, csvResponse, toCsv } from "./csv";

describe("csv", () => {
  it("leaves plain cells alone and quotes commas, quotes and line breaks", () => {
    expect(csvCell("shop")).toBe("shop");
    expect(csvCell("shop, eu")).toBe('"shop, eu"');
    expect(csvCell('the "main" db')).toBe('"the ""main"" db"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-shop")).toBe("'-shop");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell(-3)).toBe("-3");
  });

  it("writes numbers, dates and blanks", () => {
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date("2026-11-21T10:00:00Z"))).toBe("2026-11-21T10:00:00.000Z");
  });

  it("joins rows with CRLF and ends with one", () => {
    expect(toCsv(["source", "points"], [["a,b", 2], ["c", 0]])).toBe('source,points\r\n"a,b",2\r\nc,0\r\n');
  });

  it("answers with a CSV download under a safe file name", async () => {
    const res = csvResponse('cover"age\r\n.csv', "a\r\n");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="cover_age__.csv"');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a]);
  });
});
