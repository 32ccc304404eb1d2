// The wizard's action, the preview job and the restore job accept and refuse the same restores.
import { describe, expect, it } from "vitest";
import { restoreInput } from "./restore.schema";
import { restorePreviewParams } from "../diff/job-params";
import { restoreParams } from "../jobs/handlers/restore";
import { MAX_DATABASE_NAME, MAX_RESTORE_TABLES, MAX_TABLE_KEY } from "../backup/restore-limits";

function schemasAccept(tables: string[], database: string): boolean[] {
  return [
    restoreInput.safeParse({ backupSetId: "b", mode: "new", database, tables, previewJobId: "j" }).success,
    restorePreviewParams.safeParse({ mode: "restore-preview", backupSetId: "b", target: { mode: "new", database }, tables }).success,
    restoreParams.safeParse({ backupSetId: "b", mode: "new", database, tables }).success,
  ];
}

describe("restore size limits", () => {
  it("all three accept the largest restore", () => {
    const tables = Array.from({ length: MAX_RESTORE_TABLES }, (_, i) => `public.t${i}`);
    expect(schemasAccept(tables, `/data/${"x".repeat(MAX_DATABASE_NAME - 6)}`)).toEqual([true, true, true]);
    expect(schemasAccept(["s." + "t".repeat(MAX_TABLE_KEY - 2)], "db")).toEqual([true, true, true]);
  });

  it("all three refuse one table, one character or one name character too many", () => {
    const tables = Array.from({ length: MAX_RESTORE_TABLES + 1 }, (_, i) => `public.t${i}`);
    expect(schemasAccept(tables, "db")).toEqual([false, false, false]);
    expect(schemasAccept(["t".repeat(MAX_TABLE_KEY + 1)], "db")).toEqual([false, false, false]);
    expect(schemasAccept([], "x".repeat(MAX_DATABASE_NAME + 1))).toEqual([false, false, false]);
  });
});
