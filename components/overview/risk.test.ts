// The overview's protection rule and the reasons it gives for a source that is not protected.
import { describe, expect, it } from "vitest";
import { isProtected, riskReason } from "./risk";

const base = { id: "s", name: "shop" };
const H = 3_600_000;

describe("risk", () => {
  it("counts a source as protected only when scheduled and backed up within its limit", () => {
    expect(isProtected({ ...base, state: "ok", ageMs: H, allowedMs: 2 * H })).toBe(true);
    // A new policy's first run is still to come: not at risk yet, but nothing is protected either.
    expect(isProtected({ ...base, state: "ok", ageMs: null, allowedMs: 2 * H })).toBe(false);
    expect(isProtected({ ...base, state: "unprotected", ageMs: H, allowedMs: null })).toBe(false);
    expect(isProtected({ ...base, state: "at-risk", ageMs: 3 * H, allowedMs: 2 * H })).toBe(false);
  });

  it("names the cause", () => {
    expect(riskReason({ ...base, state: "at-risk", ageMs: 3 * H, allowedMs: 2 * H })).toBe("last backup 3 h 0 min ago; its schedule allows 2 h 0 min");
    expect(riskReason({ ...base, state: "unprotected", ageMs: null, allowedMs: null })).toBe("no enabled backup schedule and never backed up");
    expect(riskReason({ ...base, state: "unprotected", ageMs: 90_000, allowedMs: null })).toBe("no enabled backup schedule; last backup 1 min 30 s ago");
    expect(riskReason({ ...base, state: "at-risk", ageMs: null, allowedMs: H })).toBe("never backed up although its schedule should have run");
  });
});
