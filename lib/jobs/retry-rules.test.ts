import { describe, expect, it } from "vitest";
import { retryRefusal } from "./retry-rules";

describe("retryRefusal", () => {
  it("never re-runs a restore as it was, whoever asks", () => {
    expect(retryRefusal("RESTORE", "ADMIN")).toMatch(/preview/);
    expect(retryRefusal("RESTORE", "OPERATOR")).toMatch(/preview/);
  });
  it("lets only admins run a prune again", () => {
    expect(retryRefusal("PRUNE", "OPERATOR")).toMatch(/admin/);
    expect(retryRefusal("PRUNE", "ADMIN")).toBeNull();
  });
  it("lets operators retry backups, verifies and copies", () => {
    for (const kind of ["BACKUP", "VERIFY", "COPY", "DIFF"] as const) expect(retryRefusal(kind, "OPERATOR")).toBeNull();
  });
});
