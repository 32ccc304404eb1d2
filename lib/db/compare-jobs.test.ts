// Which stored diff jobs count as "the same comparison" (reused instead of running again).
import { describe, expect, it } from "vitest";
import { comparesPair } from "./compare-jobs";

const params = (to: unknown, extra: Record<string, unknown> = {}) => ({ mode: "compare", sourceId: "s", fromBackupSetId: "a", to, ...extra });

describe("comparesPair", () => {
  it("matches the same two backups over every table", () => {
    expect(comparesPair(params({ backupSetId: "b" }), "a", "b")).toBe(true);
    expect(comparesPair(params({ backupSetId: "b" }), "b", "a")).toBe(false);
    expect(comparesPair(params({ backupSetId: "c" }), "a", "b")).toBe(false);
  });

  it("does not take a comparison of some tables, or a restore preview, for the whole comparison", () => {
    expect(comparesPair(params({ backupSetId: "b" }, { tables: ["public.orders"] }), "a", "b")).toBe(false);
    expect(comparesPair({ mode: "restore-preview", backupSetId: "a", target: { mode: "new" } }, "a", "b")).toBe(false);
    expect(comparesPair(null, "a", "b")).toBe(false);
  });

  it("tells a live comparison from a backup one", () => {
    expect(comparesPair(params({ live: true }), "a", "live")).toBe(true);
    expect(comparesPair(params({ backupSetId: "b" }), "a", "live")).toBe(false);
  });
});
