import { describe, expect, it } from "vitest";
import { RestoreCommittedError } from "../backup/restore";
import { isTransient, JobFailedWithResult } from "./errors";

const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });

describe("isTransient", () => {
  it("retries network faults, also when wrapped", () => {
    expect(isTransient(reset)).toBe(true);
    expect(isTransient(new Error("loading orders failed", { cause: reset }))).toBe(true);
  });
  it("never retries a restore that already committed, whatever broke afterwards", () => {
    const committed = new RestoreCommittedError(reset);
    expect(committed.message).toMatch(/committed.*ECONNRESET/);
    expect(isTransient(committed)).toBe(false);
    expect(isTransient(new JobFailedWithResult("rows differ", { committed: true }))).toBe(false);
  });
  it("does not retry bad input", () => {
    expect(isTransient(new Error("relation does not exist"))).toBe(false);
  });
});
