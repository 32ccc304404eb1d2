// Policy schedules on pg-boss cron: one schedule per policy (and one per drill), fired once however many workers
// run; each firing creates a Job row like a click on "Back up now" would.
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { latestDrillableBackupSet } from "../db/backup-sets";
import { activePolicyJob, addJobEvent } from "../db/jobs";
import { listEnabledPolicies, getPolicy } from "../db/policies";
import { startJob } from "./enqueue";

export const SCHEDULE_QUEUE = "tidemark-schedules";

export const schedulePayload = z.object({ policyId: z.string().min(1), what: z.enum(["backup", "drill"]) });

const key = (policyId: string, what: "backup" | "drill") => `${policyId}.${what}`;

/**
 * Makes pg-boss's schedules match the enabled policies: adds, updates and removes. One schedule pg-boss refuses (a
 * row saved before today's checks) is reported through `onError` and skipped, so it cannot hold the others back.
 */
export async function syncSchedules(boss: PgBoss, onError: (message: string) => void = () => {}): Promise<number> {
  const wanted = new Map<string, { cron: string; tz: string; data: z.infer<typeof schedulePayload> }>();
  for (const p of await listEnabledPolicies()) {
    wanted.set(key(p.id, "backup"), { cron: p.cron, tz: p.timezone, data: { policyId: p.id, what: "backup" } });
    if (p.drillCron) wanted.set(key(p.id, "drill"), { cron: p.drillCron, tz: p.timezone, data: { policyId: p.id, what: "drill" } });
  }
  for (const [k, s] of wanted) {
    await boss.schedule(SCHEDULE_QUEUE, s.cron, s.data, { tz: s.tz, key: k }).catch((e: Error) => {
      // Not left firing on an earlier, accepted pattern either: the policy says something else now.
      wanted.delete(k);
      onError(`policy ${s.data.policyId}: its ${s.data.what} schedule "${s.cron}" (${s.tz}) was not accepted, so it does not run: ${e.message}`);
    });
  }
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
    const on = policy.drillOnSourceId ? { onSourceId: policy.drillOnSourceId } : {};
    return (await startJob({ kind: "DRILL", sourceId: policy.sourceId, params: { ...(await drillParams(policy)), ...on } })).id;
  }
  // A run that outlasts the schedule's interval must not pile up queued backups behind it: the next firing is skipped
  // and said on the job still going.
  const active = await activePolicyJob("BACKUP", policy.id);
  if (active) {
    await addJobEvent(active.id, "warn", `The next scheduled backup of policy "${policy.name}" came while this one was still ${active.status.toLowerCase()}: skipped`);
    return null;
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

/**
 * What a scheduled drill restores, chosen now and named in the job's params so retention keeps it until the drill has
 * read it: the latest backup, or with "drill the copy" the newest one whose copy in the policy's copy-to target is
 * complete. When there is none, the drill job fails saying why (and the failure alerts fire).
 */
async function drillParams(policy: { sourceId: string; drillFromCopy: boolean; copyToStorageTargetId: string | null }) {
  // The copy-to target was removed (or unset) since: drilling the primary instead would pass while proving nothing.
  if (policy.drillFromCopy && !policy.copyToStorageTargetId) return { copyTargetGone: true };
  const from = policy.drillFromCopy && policy.copyToStorageTargetId ? { fromStorageTargetId: policy.copyToStorageTargetId } : {};
  const set = await latestDrillableBackupSet(policy.sourceId, from.fromStorageTargetId);
  return { ...from, ...(set ? { backupSetId: set.id } : {}) };
}
