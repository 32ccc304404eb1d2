// Policy schedules on pg-boss cron: one schedule per policy (and one per drill), fired once however many workers
// run; each firing creates a Job row like a click on "Back up now" would.
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { listEnabledPolicies, getPolicy } from "../db/policies";
import { startJob } from "./enqueue";

export const SCHEDULE_QUEUE = "tidemark-schedules";

export const schedulePayload = z.object({ policyId: z.string().min(1), what: z.enum(["backup", "drill"]) });

const key = (policyId: string, what: "backup" | "drill") => `${policyId}.${what}`;

/** Makes pg-boss's schedules match the enabled policies: adds, updates and removes. */
export async function syncSchedules(boss: PgBoss): Promise<number> {
  const wanted = new Map<string, { cron: string; tz: string; data: z.infer<typeof schedulePayload> }>();
  for (const p of await listEnabledPolicies()) {
    wanted.set(key(p.id, "backup"), { cron: p.cron, tz: p.timezone, data: { policyId: p.id, what: "backup" } });
    if (p.drillCron) wanted.set(key(p.id, "drill"), { cron: p.drillCron, tz: p.timezone, data: { policyId: p.id, what: "drill" } });
  }
  for (const [k, s] of wanted) await boss.schedule(SCHEDULE_QUEUE, s.cron, s.data, { tz: s.tz, key: k });
  for (const existing of await boss.getSchedules(SCHEDULE_QUEUE)) {
    if (!wanted.has(existing.key)) await boss.unschedule(SCHEDULE_QUEUE, existing.key);
  }
  return wanted.size;
}

/** A schedule fired: start the policy's backup (or drill) as a Job, unless the policy was disabled meanwhile. */
export async function handleScheduled(raw: unknown): Promise<string | null> {
  const { policyId, what } = schedulePayload.parse(raw);
  const policy = await getPolicy(policyId);
  if (!policy || !policy.enabled) return null;
  if (what === "drill") {
    // Drilling the copy restores the latest backup that has a completed copy there (the drill job picks it).
    const fromCopy = policy.drillFromCopy && policy.copyToStorageTargetId ? { fromStorageTargetId: policy.copyToStorageTargetId } : {};
    return (await startJob({ kind: "DRILL", sourceId: policy.sourceId, params: fromCopy })).id;
  }
  const job = await startJob({
    kind: "BACKUP",
    sourceId: policy.sourceId,
    params: {
      type: policy.backupType.toLowerCase(),
      tables: policy.tablesInclude.length ? policy.tablesInclude : undefined,
      excludeTables: policy.tablesExclude.length ? policy.tablesExclude : undefined,
      verifyAfter: policy.verifyAfter,
      policyId: policy.id,
    },
  });
  return job.id;
}
