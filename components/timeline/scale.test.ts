// Timeline windows, navigation, placement, ticks and buckets.
import { describe, expect, it } from "vitest";
import { bucketMs, neighbours, parseZoom, placeX, ticks, windowFor, windowLabel, zoomIn } from "./scale";

const now = new Date("2026-11-21T16:05:00Z");

describe("timeline scale", () => {
  it("ends the default window at the next full hour, so a backup taken a minute ago is inside", () => {
    const w = windowFor("week", undefined, now);
    expect(w.to.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(w.from.toISOString()).toBe("2026-11-14T17:00:00.000Z");
    expect(placeX(new Date("2026-11-21T16:04:00Z"), w)).toBeLessThan(1);
    expect(placeX(new Date("2026-11-21T16:04:00Z"), w)).toBeGreaterThan(0.99);
  });

  it("reads zoom and end from the URL, ignoring nonsense", () => {
    expect(parseZoom("year")).toBe("year");
    expect(parseZoom("fortnight")).toBe("week");
    expect(windowFor("day", "garbage", now).to.toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(windowFor("day", "2025-01-02T00:00:00Z", now).from.toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("steps one span back and forward, but not into the future", () => {
    const w = windowFor("day", "2026-11-10T00:00:00Z", now);
    const n = neighbours(w, now);
    expect(n.prev.toISOString()).toBe("2026-11-09T00:00:00.000Z");
    expect(n.next?.toISOString()).toBe("2026-11-11T00:00:00.000Z");
    expect(neighbours(windowFor("day", undefined, now), now).next).toBeNull();
    expect(zoomIn("year")).toBe("month");
    expect(zoomIn("day")).toBeNull();
  });

  it("places times proportionally and clamps the outside", () => {
    const w = windowFor("day", "2026-11-02T00:00:00Z", now);
    expect(placeX(new Date("2026-11-01T12:00:00Z"), w)).toBeCloseTo(0.5);
    expect(placeX(new Date("2026-10-01T00:00:00Z"), w)).toBe(0);
    expect(placeX(new Date("2027-01-01T00:00:00Z"), w)).toBe(1);
  });

  it("labels ticks at round times: hours for a day, month starts for a year", () => {
    const day = ticks(windowFor("day", "2026-11-02T00:00:00Z", now));
    expect(day.map((t) => t.label)).toEqual(["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "00:00"]);
    const year = ticks(windowFor("year", "2026-11-21T00:00:00Z", now));
    expect(year[0].at.toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(year.map((t) => t.label)).toContain("Jan 2026");
    expect(year).toHaveLength(12);
  });

  it("cuts a dense window into 60 buckets and names the window", () => {
    const w = windowFor("year", "2026-11-21T00:00:00Z", now);
    expect(bucketMs(w) * 60).toBeGreaterThanOrEqual(365 * 24 * 3600_000);
    expect(windowLabel(w)).toBe("21 Nov 2025 – 21 Nov 2026 (UTC)");
  });
});
