// Source health: the same RPO rules as the worker's watch, and the next run across several policies.
import { describe, expect, it } from "vitest";
import { sourceHealth } from "./health";
import { formatAge, formatWhen } from "./time-words";

const now = new Date("2026-11-21T16:00:00Z");
const created = new Date("2026-11-01T00:00:00Z");
const daily = { cron: "0 2 * * *", timezone: "UTC", rpoMinutes: null, createdAt: created };
const hourly = { cron: "30 * * * *", timezone: "UTC", rpoMinutes: null, createdAt: created };

describe("sourceHealth", () => {
  it("is unprotected without an enabled policy, whatever the age", () => {
    expect(sourceHealth(new Date("2026-11-21T15:00:00Z"), [], now)).toEqual({ state: "unprotected", ageMs: 3600_000, allowedMs: null, nextRunAt: null });
  });

  it("allows a daily policy one day plus half a day of grace", () => {
    const ok = sourceHealth(new Date("2026-11-20T05:00:00Z"), [daily], now);
    expect(ok.state).toBe("ok");
    expect(ok.allowedMs).toBe(36 * 3600_000);
    expect(ok.nextRunAt?.toISOString()).toBe("2026-11-22T02:00:00.000Z");
    expect(sourceHealth(new Date("2026-11-20T03:00:00Z"), [daily], now).state).toBe("at-risk");
  });

  it("takes the strictest policy and the soonest run; rpoMinutes overrides the schedule", () => {
    const h = sourceHealth(new Date("2026-11-21T14:00:00Z"), [daily, hourly], now);
    expect(h.allowedMs).toBe(90 * 60_000); // an hour between runs plus half of it
    expect(h.state).toBe("at-risk");
    expect(h.nextRunAt?.toISOString()).toBe("2026-11-21T16:30:00.000Z");
    expect(sourceHealth(new Date("2026-11-21T14:00:00Z"), [{ ...daily, rpoMinutes: 180 }], now).state).toBe("ok");
  });

  it("starts the clock at the first policy when nothing was ever backed up", () => {
    expect(sourceHealth(null, [{ ...daily, createdAt: new Date("2026-11-21T10:00:00Z") }], now).state).toBe("ok");
    expect(sourceHealth(null, [daily], now)).toMatchObject({ state: "at-risk", ageMs: null });
  });

  it("words ages and times", () => {
    expect(formatAge(45_000)).toBe("45 s");
    expect(formatAge(3 * 3600_000 + 5 * 60_000)).toBe("3 h 5 min");
    expect(formatAge(50 * 3600_000)).toBe("2 d 2 h");
    expect(formatWhen(new Date("2026-11-22T02:00:00Z"))).toBe("Sun 22 Nov 02:00 UTC");
  });
});
