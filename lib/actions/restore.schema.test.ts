// The names the restore wizard suggests and the rules the server applies to a new database's name.
import { describe, expect, it } from "vitest";
import { newDatabaseProblem, PREVIEW_VALID_MINUTES, previewAgeLabel, previewExpiredProblem, suggestRestoreName } from "./restore.schema";

const at = new Date("2026-11-21T16:05:42Z");

describe("suggestRestoreName", () => {
  it("appends _restored_<yyyymmdd_hhmm> of the restore point (UTC)", () => {
    expect(suggestRestoreName("POSTGRES", "shop", at)).toBe("shop_restored_20261121_1605");
    expect(suggestRestoreName("MYSQL", "shop", at)).toBe("shop_restored_20261121_1605");
  });

  it("keeps within the engine's identifier length and makes any database name a valid one", () => {
    const long = suggestRestoreName("POSTGRES", "x".repeat(80), at);
    expect(long).toHaveLength(63);
    expect(long.endsWith("_restored_20261121_1605")).toBe(true);
    expect(newDatabaseProblem("POSTGRES", long, "shop")).toBeNull();
    const odd = suggestRestoreName("POSTGRES", "9-shop.eu", at);
    expect(odd).toBe("_9_shop_eu_restored_20261121_1605");
    expect(newDatabaseProblem("POSTGRES", odd, "shop")).toBeNull();
  });

  it("puts a SQLite copy beside the original file", () => {
    expect(suggestRestoreName("SQLITE", "/var/lib/app/shop.sqlite3", at)).toBe("/var/lib/app/shop_restored_20261121_1605.db");
    expect(newDatabaseProblem("SQLITE", "/var/lib/app/shop_restored_20261121_1605.db", "/var/lib/app/shop.sqlite3")).toBeNull();
  });
});

describe("newDatabaseProblem", () => {
  it("refuses names that would need quoting tricks, and says what is allowed", () => {
    expect(newDatabaseProblem("POSTGRES", "", "shop")).toBe("Name the new database.");
    expect(newDatabaseProblem("POSTGRES", 'a"; DROP DATABASE x; --', "shop")).toMatch(/letters, digits and underscores/);
    expect(newDatabaseProblem("MYSQL", "1abc", "shop")).toMatch(/starting with a letter or underscore/);
    expect(newDatabaseProblem("MYSQL", "a".repeat(65), "shop")).toBe("At most 64 characters.");
    expect(newDatabaseProblem("MYSQL", "a".repeat(64), "shop")).toBeNull();
  });

  it("wants an absolute SQLite path without ..", () => {
    expect(newDatabaseProblem("SQLITE", "copy.db", "/data/app.db")).toMatch(/full path/);
    expect(newDatabaseProblem("SQLITE", "/data/../etc/passwd", "/data/app.db")).toMatch(/“..”/);
    expect(newDatabaseProblem("SQLITE", "/data/", "/data/app.db")).toMatch(/file name/);
  });

  it("keeps a new SQLite file in the source file's folder or a subfolder of it", () => {
    expect(newDatabaseProblem("SQLITE", "/data/app_copy.db", "/data/app.db")).toBeNull();
    expect(newDatabaseProblem("SQLITE", "/data/restores/app_copy.db", "/data/app.db")).toBeNull();
    expect(newDatabaseProblem("SQLITE", "/etc/cron.d/evil", "/data/app.db")).toBe("Put the new file in /data/ (or a subfolder of it), beside the source's own file.");
    expect(newDatabaseProblem("SQLITE", "/database/x.db", "/data/app.db")).toMatch(/Put the new file in \/data\//);
    expect(newDatabaseProblem("SQLITE", "/data//x.db", "/data/app.db")).toMatch(/Put the new file/);
    expect(newDatabaseProblem("SQLITE", "/data/./x.db", "/data/app.db")).toMatch(/“\.”/);
  });
});

describe("preview expiry", () => {
  const finished = new Date("2026-11-21T16:00:00Z");
  const after = (min: number) => new Date(finished.getTime() + min * 60_000);

  it(`lets a restore start from a preview up to ${PREVIEW_VALID_MINUTES} minutes old`, () => {
    expect(previewExpiredProblem(finished, after(0))).toBeNull();
    expect(previewExpiredProblem(finished, after(PREVIEW_VALID_MINUTES))).toBeNull();
  });

  it("refuses an older or unfinished preview and says to preview again", () => {
    expect(previewExpiredProblem(finished, after(PREVIEW_VALID_MINUTES + 1))).toBe("The preview is 31 minutes old (it is valid for 30): the data may have changed since. Preview again, then confirm.");
    expect(previewExpiredProblem(null, after(1))).toMatch(/has not finished/);
  });

  it("labels the preview's age for the confirm step", () => {
    expect(previewAgeLabel(finished, after(0.5))).toBe("preview from less than a minute ago");
    expect(previewAgeLabel(finished.toISOString(), after(3.2))).toBe("preview from 3 min ago");
  });
});
