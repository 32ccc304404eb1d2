// RPO watch: a source whose last successful backup is older than its schedules allow (plus a grace) is at risk.
import { clearAtRisk, markAtRisk } from "../db/notifications";
import { sourcesUnderPolicy } from "../db/sources";
import { nextRuns } from "./cron";
import { notifySource } from "./notify";

/** How old the last backup may get under one policy: its rpoMinutes, else the gap between two runs plus a grace. */
export function allowedAgeMs(policy: { cron: string; timezone: string; rpoMinutes: number | null }, now = new Date()): number | null {
  if (policy.rpoMinutes) return policy.rpoMinutes * 60_000;
  const preview = nextRuns(policy.cron, policy.timezone, 2, now);
  if (!("runs" in preview) || preview.runs.length < 2) return null;
  const interval = preview.runs[1].getTime() - preview.runs[0].getTime();
  return interval + Math.max(10 * 60_000, interval / 2);
}

export interface RpoChange {
  sourceId: string;
  atRisk: boolean;
}

/** Checks every source with an enabled policy; notifies once when one starts missing its RPO. */
export async function checkRpo(now = new Date()): Promise<RpoChange[]> {
  const sources = await sourcesUnderPolicy();
  const changes: RpoChange[] = [];
  for (const s of sources) {
    const limits = s.policies.map((p) => allowedAgeMs(p, now)).filter((v): v is number => v !== null);
    if (!limits.length) continue;
    const allowed = Math.min(...limits);
    // Without any backup yet, the clock starts when the first policy was created.
    const since = s.backupSets[0]?.consistentAt ?? new Date(Math.min(...s.policies.map((p) => p.createdAt.getTime())));
    const age = now.getTime() - since.getTime();
    if (age > allowed) {
      if (await markAtRisk(s.id, now)) {
        changes.push({ sourceId: s.id, atRisk: true });
        const hours = (age / 3_600_000).toFixed(1);
        await notifySource(s, "at-risk", `⚠ ${s.name} is at risk: its last successful backup is ${hours} h old, more than its policies allow.`, {
          detail: s.backupSets[0] ? `last backup ${since.toISOString()}` : "never backed up",
        });
      }
    } else if (s.atRiskSince && (await clearAtRisk(s.id))) {
      changes.push({ sourceId: s.id, atRisk: false });
    }
  }
  return changes;
}
