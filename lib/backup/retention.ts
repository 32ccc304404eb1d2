// Which snapshots a retention policy keeps, with restic `forget` semantics: for each rule, walk the snapshots
// newest first and keep the newest one of each of the last N distinct periods (hours, days, ISO weeks, months,
// years) that have a snapshot; "last N" keeps the N newest. A snapshot is kept when any rule keeps it. Pinned
// snapshots are always kept. A policy with no rule keeps everything (restic refuses to forget without one).
import { z } from "zod";

export const retentionPolicy = z.object({
  last: z.number().int().min(-1).default(0),
  hourly: z.number().int().min(-1).default(0),
  daily: z.number().int().min(-1).default(0),
  weekly: z.number().int().min(-1).default(0),
  monthly: z.number().int().min(-1).default(0),
  yearly: z.number().int().min(-1).default(0),
});
export type RetentionPolicy = z.infer<typeof retentionPolicy>;

export interface SnapshotPoint {
  id: string;
  time: Date;
  pinned?: boolean;
}

export interface RetentionDecision {
  keep: { id: string; reasons: string[] }[];
  forget: string[];
}

type Rule = keyof RetentionPolicy;
const RULES: Rule[] = ["last", "hourly", "daily", "weekly", "monthly", "yearly"];
const REASON: Record<Rule, string> = {
  last: "last snapshot",
  hourly: "hourly snapshot",
  daily: "daily snapshot",
  weekly: "weekly snapshot",
  monthly: "monthly snapshot",
  yearly: "yearly snapshot",
};

function parts(time: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
  const p = Object.fromEntries(f.formatToParts(time).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) };
}

/** ISO 8601 week ("2026-W47") of a calendar date, like Go's time.ISOWeek that restic uses. */
function isoWeek(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${week}`;
}

function bucket(rule: Rule, time: Date, index: number, timeZone: string): string {
  if (rule === "last") return String(index);
  const { y, m, d, h } = parts(time, timeZone);
  switch (rule) {
    case "hourly":
      return `${y}-${m}-${d} ${h}`;
    case "daily":
      return `${y}-${m}-${d}`;
    case "weekly":
      return isoWeek(y, m, d);
    case "monthly":
      return `${y}-${m}`;
    case "yearly":
      return String(y);
  }
}

export function isEmptyPolicy(policy: RetentionPolicy): boolean {
  return RULES.every((r) => policy[r] === 0);
}

export function applyRetention(snapshots: SnapshotPoint[], policyInput: Partial<RetentionPolicy>, timeZone = "UTC"): RetentionDecision {
  const policy = retentionPolicy.parse(policyInput);
  const newestFirst = [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime() || b.id.localeCompare(a.id));
  if (isEmptyPolicy(policy)) return { keep: newestFirst.map((s) => ({ id: s.id, reasons: ["no retention rule"] })), forget: [] };

  const remaining = Object.fromEntries(RULES.map((r) => [r, policy[r]])) as Record<Rule, number>;
  const lastBucket = {} as Record<Rule, string | undefined>;
  const keep: RetentionDecision["keep"] = [];
  const forget: string[] = [];
  newestFirst.forEach((snapshot, index) => {
    const reasons: string[] = snapshot.pinned ? ["pinned"] : [];
    for (const rule of RULES) {
      if (remaining[rule] === 0) continue;
      const value = bucket(rule, snapshot.time, index, timeZone);
      if (value !== lastBucket[rule]) {
        lastBucket[rule] = value;
        if (remaining[rule] > 0) remaining[rule]--;
        reasons.push(REASON[rule]);
      }
    }
    if (reasons.length) keep.push({ id: snapshot.id, reasons });
    else forget.push(snapshot.id);
  });
  return { keep, forget };
}

export interface NamedRetention {
  /** Shown in the reasons ("daily snapshot (policy Nightly)"). */
  name: string;
  policy: Partial<RetentionPolicy>;
  timeZone?: string;
}

/**
 * Several policies of one source together: a snapshot is kept when ANY of them keeps it, so a weekly-full policy's
 * "keep 4 weekly" survives a daily policy's "keep 7 daily". One policy without a rule keeps everything.
 */
export function applyRetentions(snapshots: SnapshotPoint[], rules: NamedRetention[]): RetentionDecision {
  if (rules.length === 0) return applyRetention(snapshots, {});
  const reasons = new Map<string, string[]>();
  for (const rule of rules) {
    const label = rules.length > 1 ? ` (${rule.name})` : "";
    for (const k of applyRetention(snapshots, rule.policy, rule.timeZone).keep) {
      reasons.set(k.id, [...(reasons.get(k.id) ?? []), ...k.reasons.map((r) => (r === "pinned" ? r : r + label))]);
    }
  }
  const newestFirst = [...snapshots].sort((a, b) => b.time.getTime() - a.time.getTime() || b.id.localeCompare(a.id));
  return {
    keep: newestFirst.filter((s) => reasons.has(s.id)).map((s) => ({ id: s.id, reasons: [...new Set(reasons.get(s.id))] })),
    forget: newestFirst.filter((s) => !reasons.has(s.id)).map((s) => s.id),
  };
}
