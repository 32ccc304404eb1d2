// A source's health as the lists show it: age of the last backup against what its policies allow, and the next run.
// The same rules as the worker's RPO watch (lib/jobs/rpo.ts), so the page and the webhooks never disagree.
import { nextRuns } from "../jobs/cron";
import { allowedAgeMs } from "../jobs/rpo";

export interface PolicySchedule {
  cron: string;
  timezone: string;
  rpoMinutes: number | null;
  createdAt: Date;
}

export interface SourceHealth {
  /** "ok" within RPO, "at-risk" past it, "unprotected" when no enabled policy schedules backups. */
  state: "ok" | "at-risk" | "unprotected";
  ageMs: number | null;
  allowedMs: number | null;
  nextRunAt: Date | null;
}

export function sourceHealth(lastBackupAt: Date | null, policies: PolicySchedule[], now = new Date()): SourceHealth {
  const nextRunAt = policies
    .map((p) => nextRuns(p.cron, p.timezone, 1, now))
    .flatMap((r) => ("runs" in r ? r.runs : []))
    .sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const limits = policies.map((p) => allowedAgeMs(p, now)).filter((v): v is number => v !== null);
  const ageMs = lastBackupAt ? now.getTime() - lastBackupAt.getTime() : null;
  if (!limits.length) return { state: "unprotected", ageMs, allowedMs: null, nextRunAt };
  const allowedMs = Math.min(...limits);
  // Without any backup yet, the clock starts when the first policy was created (as the RPO watch does).
  const since = lastBackupAt ?? new Date(Math.min(...policies.map((p) => p.createdAt.getTime())));
  return { state: now.getTime() - since.getTime() > allowedMs ? "at-risk" : "ok", ageMs, allowedMs, nextRunAt };
}
