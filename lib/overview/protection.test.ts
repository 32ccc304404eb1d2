// protectionOf: protected within the policy's limit, at risk past it or without any backup, a day without a policy.
import { describe, expect, it } from "vitest";
import { protectionOf, UNSCHEDULED_RPO_MS } from "./protection";

const now = new Date("2026-11-21T12:00:00Z");
const hourly = { cron: "0 * * * *", timezone: "UTC", rpoMinutes: null };

describe("protectionOf", () => {
  it("is protected while the last backup is younger than the policy's rpoMinutes", () => {
    const p = protectionOf({ id: "a", name: "shop", lastBackupAt: new Date(now.getTime() - 50 * 60_000), policies: [{ ...hourly, rpoMinutes: 60 }] }, now);
    expect(p).toMatchObject({ protected: true, reason: null, allowedMs: 3_600_000, scheduled: true });
  });

  it("is at risk past the limit and says by how much", () => {
    const p = protectionOf({ id: "a", name: "shop", lastBackupAt: new Date(now.getTime() - 3 * 3600_000), policies: [{ ...hourly, rpoMinutes: 60 }] }, now);
    expect(p.protected).toBe(false);
    expect(p.reason).toBe("last backup 3 h 0 min ago; its schedule allows 1 h 0 min");
  });

  it("takes an hourly cron's interval plus grace when no rpoMinutes is set", () => {
    const ok = protectionOf({ id: "a", name: "shop", lastBackupAt: new Date(now.getTime() - 80 * 60_000), policies: [hourly] }, now);
    const late = protectionOf({ id: "a", name: "shop", lastBackupAt: new Date(now.getTime() - 100 * 60_000), policies: [hourly] }, now);
    expect(ok.protected).toBe(true);
    expect(late.protected).toBe(false);
  });

  it("holds a source without a policy to a day and one never backed up is at risk", () => {
    expect(protectionOf({ id: "a", name: "x", lastBackupAt: new Date(now.getTime() - UNSCHEDULED_RPO_MS + 1000), policies: [] }, now).protected).toBe(true);
    expect(protectionOf({ id: "a", name: "x", lastBackupAt: new Date(now.getTime() - UNSCHEDULED_RPO_MS - 1000), policies: [] }, now).reason).toMatch(/no schedule/);
    expect(protectionOf({ id: "a", name: "x", lastBackupAt: null, policies: [hourly] }, now).reason).toBe("never backed up");
  });
});
