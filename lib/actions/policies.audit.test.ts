import { describe, expect, it } from "vitest";
import { policyChanges, type PolicySettings } from "./policies.audit";

const base: PolicySettings = {
  name: "Nightly", enabled: true, cron: "0 2 * * *", timezone: "UTC", backupType: "INCREMENTAL", tablesInclude: [], tablesExclude: ["public.logs"],
  retention: { daily: 30, weekly: 8 }, verifyAfter: true, rpoMinutes: 1440, copyToStorageTargetId: "offsite", notifyChannelIds: ["ops"], drillCron: "0 4 * * 0", drillFromCopy: false, drillOnSourceId: null,
};

describe("policyChanges", () => {
  it("records every setting before and after, and which changed", () => {
    const after = { ...base, retention: { daily: 7, weekly: 8 }, tablesExclude: [], verifyAfter: false, rpoMinutes: null, copyToStorageTargetId: null, notifyChannelIds: [] };
    const c = policyChanges(base, after);
    expect(c.changed).toEqual(["tablesExclude", "retention", "verifyAfter", "rpoMinutes", "copyToStorageTargetId", "notifyChannelIds"]);
    expect(c.before.retention).toEqual({ last: 0, hourly: 0, daily: 30, weekly: 8, monthly: 0, yearly: 0 });
    expect(c.after.retention).toEqual({ last: 0, hourly: 0, daily: 7, weekly: 8, monthly: 0, yearly: 0 });
    expect(c.before.copyToStorageTargetId).toBe("offsite");
    expect(c.after.copyToStorageTargetId).toBeNull();
    expect(c.before.drillCron).toBe("0 4 * * 0");
    expect(c.after.drillCron).toBe("0 4 * * 0");
    expect(Object.keys(c.before)).toHaveLength(15);
    expect(c.retentionReduced).toBe(true);
  });

  it("flags lowered retention, a dropped rule, and first rules on a keep-everything policy; not raised retention", () => {
    expect(policyChanges(base, { ...base, retention: { daily: 30 } }).retentionReduced).toBe(true);
    expect(policyChanges({ ...base, retention: {} }, { ...base, retention: { last: 3 } }).retentionReduced).toBe(true);
    expect(policyChanges(base, { ...base, retention: { daily: 60, weekly: 8 } }).retentionReduced).toBe(false);
    expect(policyChanges(base, { ...base, retention: { daily: 30, weekly: 8, monthly: 12 } }).retentionReduced).toBe(false);
  });

  it("an unchanged save (lists in another order) changes nothing", () => {
    const a = { ...base, notifyChannelIds: ["b", "a"] };
    expect(policyChanges(a, { ...a, notifyChannelIds: ["a", "b"] }).changed).toEqual([]);
  });
});
