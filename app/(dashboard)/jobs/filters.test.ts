// Jobs list URL parameters: bad values are dropped, "to" is inclusive, the cursor round-trips.
import { describe, expect, it } from "vitest";
import { cursorParam, jobsHref, parseJobSearch, toCursor, toFilter } from "./filters";

describe("jobs list filters", () => {
  it("keeps valid filters and drops unknown or malformed ones", () => {
    const s = parseJobSearch({ kind: "BACKUP", status: "NOPE", source: "", from: "2026-11-01", to: "yesterday", after: ["1700000000000_abc", "x"] });
    expect(s).toEqual({ kind: "BACKUP", status: undefined, source: undefined, from: "2026-11-01", to: undefined, after: "1700000000000_abc" });
  });

  it("treats the to day as inclusive", () => {
    const f = toFilter(parseJobSearch({ from: "2026-11-20", to: "2026-11-21" }));
    expect(f.from?.toISOString()).toBe("2026-11-20T00:00:00.000Z");
    expect(f.to?.toISOString()).toBe("2026-11-22T00:00:00.000Z");
  });

  it("round-trips the keyset cursor and builds linkable URLs", () => {
    const cursor = { createdAt: new Date("2026-11-21T10:00:00.123Z"), id: "cjob1" };
    const s = parseJobSearch({ status: "FAILED", after: cursorParam(cursor) });
    expect(toCursor(s)).toEqual(cursor);
    expect(jobsHref(s, cursorParam(cursor))).toBe(`/jobs?status=FAILED&after=${cursor.createdAt.getTime()}_cjob1`);
    expect(jobsHref(parseJobSearch({}))).toBe("/jobs");
  });
});
