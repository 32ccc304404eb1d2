// Is a source protected right now? Its last successful backup must be younger than its policies allow (the same
// limit the worker's RPO watch uses); a source without an enabled policy is held to one backup a day.
import { formatDuration } from "../format";
import { allowedAgeMs } from "../jobs/rpo";

export const UNSCHEDULED_RPO_MS = 24 * 3600_000;

export interface SourceForProtection {
  id: string;
  name: string;
  lastBackupAt: Date | null;
  policies: { cron: string; timezone: string; rpoMinutes: number | null }[];
}

export interface Protection {
  id: string;
  name: string;
  protected: boolean;
  /** Why it is at risk, in words a manager can act on; null when protected. */
  reason: string | null;
  allowedMs: number;
  scheduled: boolean;
}

export function protectionOf(source: SourceForProtection, now = new Date()): Protection {
  const limits = source.policies.map((p) => allowedAgeMs(p, now)).filter((v): v is number => v !== null);
  const scheduled = limits.length > 0;
  const allowedMs = scheduled ? Math.min(...limits) : UNSCHEDULED_RPO_MS;
  const base = { id: source.id, name: source.name, allowedMs, scheduled };
  if (!source.lastBackupAt) return { ...base, protected: false, reason: scheduled ? "never backed up" : "never backed up, and no schedule" };
  const ageMs = now.getTime() - source.lastBackupAt.getTime();
  if (ageMs <= allowedMs) return { ...base, protected: true, reason: null };
  const limit = scheduled ? `its schedule allows ${formatDuration(allowedMs / 1000)}` : "no schedule, so a day is the limit";
  return { ...base, protected: false, reason: `last backup ${formatDuration(ageMs / 1000)} ago; ${limit}` };
}
