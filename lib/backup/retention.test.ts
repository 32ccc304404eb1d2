// restic `forget` semantics on fixed timelines (the cases restic's documentation walks through, and the edges).
import { describe, expect, it } from "vitest";
import { applyRetention, applyRetentions, type RetentionPolicy, type SnapshotPoint } from "./retention";

const at = (iso: string, pinned = false): SnapshotPoint => ({ id: new Date(iso).toISOString(), time: new Date(iso), pinned });
const kept = (snapshots: SnapshotPoint[], policy: Partial<RetentionPolicy>, tz = "UTC") => applyRetention(snapshots, policy, tz).keep.map((k) => k.id);

// Two snapshots a day at 02:00 and 14:00 UTC, 2026-10-01 … 2026-11-20 (a Friday).
const twiceDaily: SnapshotPoint[] = [];
for (let t = Date.UTC(2026, 9, 1, 2); t <= Date.UTC(2026, 10, 20, 14); t += 12 * 3600_000) twiceDaily.push(at(new Date(t).toISOString()));

describe("applyRetention", () => {
  const cases: { name: string; snapshots: SnapshotPoint[]; policy: Partial<RetentionPolicy>; tz?: string; keep: string[] }[] = [
    {
      name: "keep-last 3 keeps the three newest",
      snapshots: twiceDaily,
      policy: { last: 3 },
      keep: ["2026-11-20T14:00:00.000Z", "2026-11-20T02:00:00.000Z", "2026-11-19T14:00:00.000Z"],
    },
    {
      name: "keep-daily 3 keeps the newest snapshot of each of the last three days that have one",
      snapshots: twiceDaily,
      policy: { daily: 3 },
      keep: ["2026-11-20T14:00:00.000Z", "2026-11-19T14:00:00.000Z", "2026-11-18T14:00:00.000Z"],
    },
    {
      name: "days without a snapshot do not count toward keep-daily",
      snapshots: [at("2026-11-20T10:00:00Z"), at("2026-11-15T10:00:00Z"), at("2026-11-15T08:00:00Z"), at("2026-11-01T10:00:00Z"), at("2026-10-01T10:00:00Z")],
      policy: { daily: 3 },
      keep: ["2026-11-20T10:00:00.000Z", "2026-11-15T10:00:00.000Z", "2026-11-01T10:00:00.000Z"],
    },
    {
      name: "keep-weekly uses ISO weeks (Monday to Sunday): the newest of each of the last 2 weeks",
      snapshots: twiceDaily,
      policy: { weekly: 2 },
      // 2026-11-20 is a Friday of ISO week 47; week 46 ends on Sunday 2026-11-15.
      keep: ["2026-11-20T14:00:00.000Z", "2026-11-15T14:00:00.000Z"],
    },
    {
      name: "keep-monthly 2 keeps the newest of this month and of October",
      snapshots: twiceDaily,
      policy: { monthly: 2 },
      keep: ["2026-11-20T14:00:00.000Z", "2026-10-31T14:00:00.000Z"],
    },
    {
      name: "rules combine: a snapshot kept by any rule stays, the newest one is kept by all",
      snapshots: twiceDaily,
      policy: { last: 2, daily: 2, monthly: 2 },
      keep: ["2026-11-20T14:00:00.000Z", "2026-11-20T02:00:00.000Z", "2026-11-19T14:00:00.000Z", "2026-10-31T14:00:00.000Z"],
    },
    {
      name: "-1 keeps every period: keep-monthly -1 keeps the newest snapshot of every month",
      snapshots: twiceDaily,
      policy: { monthly: -1 },
      keep: ["2026-11-20T14:00:00.000Z", "2026-10-31T14:00:00.000Z"],
    },
    {
      name: "pinned snapshots are never forgotten",
      snapshots: [at("2026-11-20T10:00:00Z"), at("2026-11-19T10:00:00Z"), at("2026-01-05T10:00:00Z", true)],
      policy: { last: 1 },
      keep: ["2026-11-20T10:00:00.000Z", "2026-01-05T10:00:00.000Z"],
    },
    {
      name: "days are counted in the policy's time zone",
      // 23:30 and 00:30 UTC are the same day in New York (18:30 and 19:30 local).
      snapshots: [at("2026-11-20T00:30:00Z"), at("2026-11-19T23:30:00Z"), at("2026-11-19T12:00:00Z")],
      policy: { daily: 1 },
      tz: "America/New_York",
      keep: ["2026-11-20T00:30:00.000Z"],
    },
    {
      name: "the same timeline in UTC spans two days",
      snapshots: [at("2026-11-20T00:30:00Z"), at("2026-11-19T23:30:00Z"), at("2026-11-19T12:00:00Z")],
      policy: { daily: 2 },
      keep: ["2026-11-20T00:30:00.000Z", "2026-11-19T23:30:00.000Z"],
    },
    {
      name: "a policy without any rule keeps everything",
      snapshots: [at("2026-11-20T10:00:00Z"), at("2026-11-19T10:00:00Z")],
      policy: {},
      keep: ["2026-11-20T10:00:00.000Z", "2026-11-19T10:00:00.000Z"],
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      expect(kept(c.snapshots, c.policy, c.tz)).toEqual(c.keep);
    });
  }

  it("says why each snapshot is kept and lists the rest to forget", () => {
    const decision = applyRetention([at("2026-11-20T10:00:00Z"), at("2026-11-20T08:00:00Z"), at("2026-11-19T10:00:00Z")], { last: 1, daily: 2 });
    expect(decision.keep).toEqual([
      { id: "2026-11-20T10:00:00.000Z", reasons: ["last snapshot", "daily snapshot"] },
      { id: "2026-11-19T10:00:00.000Z", reasons: ["daily snapshot"] },
    ]);
    expect(decision.forget).toEqual(["2026-11-20T08:00:00.000Z"]);
  });

  it("several policies keep what any of them keeps: a daily policy does not forget the weekly fulls", () => {
    // 40 days of daily snapshots; the weekly policy keeps 4 weeks, the daily one 7 days.
    const days = Array.from({ length: 40 }, (_, i) => at(new Date(Date.UTC(2026, 10, 20 - i, 2)).toISOString()));
    const weekly = applyRetention(days, { weekly: 4 }).keep.map((k) => k.id);
    const daily = applyRetention(days, { daily: 7 }).keep.map((k) => k.id);
    const both = applyRetentions(days, [
      { name: "Weekly full", policy: { weekly: 4 } },
      { name: "Daily incremental", policy: { daily: 7 } },
    ]);
    const kept = both.keep.map((k) => k.id);
    expect(new Set(kept)).toEqual(new Set([...weekly, ...daily]));
    expect(kept.length).toBeGreaterThan(daily.length);
    expect(both.forget).toHaveLength(40 - kept.length);
    expect(both.keep.find((k) => k.id === weekly.at(-1))?.reasons).toEqual(["weekly snapshot (Weekly full)"]);
    // A policy without rules among them keeps everything.
    expect(applyRetentions(days, [{ name: "a", policy: { daily: 1 } }, { name: "b", policy: {} }]).forget).toEqual([]);
  });
});
