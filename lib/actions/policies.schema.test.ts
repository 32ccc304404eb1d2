// The policy form's drill settings as the server checks them: an optional cron, and "drill the copy" only with a copy.
import { describe, expect, it } from "vitest";
import { drillServerError } from "../db/policies";
import { createPolicyInput } from "./policies.schema";

const base = {
  sourceId: "src",
  name: "Nightly",
  cron: "0 2 * * *",
  timezone: "UTC",
  backupType: "INCREMENTAL" as const,
  retention: { last: 0, hourly: 0, daily: 7, weekly: 4, monthly: 6, yearly: 0 },
};

const messages = (input: object) => {
  const r = createPolicyInput.safeParse({ ...base, ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("policy drill settings", () => {
  it("treats an empty drill schedule as none and keeps a valid one", () => {
    expect(createPolicyInput.parse({ ...base, drillCron: "" })).toMatchObject({ drillCron: null, drillFromCopy: false });
    expect(createPolicyInput.parse({ ...base, drillCron: " 0 4 * * 0 " }).drillCron).toBe("0 4 * * 0");
  });

  it("refuses a drill schedule that is not five-field cron (pg-boss would refuse seven fields; seconds are not a thing here)", () => {
    // The last four: croner takes them, pg-boss's cron-parser does not (they would never be scheduled).
    for (const drillCron of ["every sunday", "0 0 4 * * 0", "0 0 4 * * 0 *", "0 4 15W * *", "0 4 LW * *", "0 4 1 * +1", "0 4 * * 5#L"]) {
      expect(messages({ drillCron })).toEqual(["drillCron: That drill schedule is not a valid cron expression (minute hour day-of-month month day-of-week)"]);
    }
    expect(messages({ cron: "0 0 2 * * *" })).toEqual(["cron: That schedule is not a valid cron expression (minute hour day-of-month month day-of-week)"]);
  });

  it("drills the copy only when there is a drill schedule and a copy-to target", () => {
    const refused = "drillFromCopy: Drilling the copy needs both a drill schedule and a storage target to copy each backup to";
    expect(messages({ drillFromCopy: true, drillCron: "0 4 * * 0" })).toEqual([refused]);
    expect(messages({ drillFromCopy: true, copyToStorageTargetId: "offsite" })).toEqual([refused]);
    expect(messages({ drillFromCopy: true, drillCron: "0 4 * * 0", copyToStorageTargetId: "offsite" })).toEqual([]);
  });
});

describe("where drills may run", () => {
  it("on the source's own server or another of the same engine; never across engines or for SQLite", () => {
    const pg = { name: "staging", engine: "POSTGRES" };
    expect(drillServerError(pg, "POSTGRES", false)).toBeNull();
    expect(drillServerError(pg, "POSTGRES", true)).toBeNull();
    expect(drillServerError(null, "POSTGRES", false)).toBe("The source to drill on no longer exists: pick another.");
    expect(drillServerError(pg, "MYSQL", false)).toBe("staging runs another database engine: a drill restores into the engine of the source it drills.");
    expect(drillServerError({ name: "file", engine: "SQLITE" }, "SQLITE", false)).toMatch(/^SQLite drills restore into a temporary file/);
  });
});
