// Backup job: one snapshot of a source into its storage target, recorded as a backup set, optionally verified.
import { z } from "zod";
import { backup } from "../../backup/backup";
import { verify } from "../../backup/verify";
import { connectorFor, sourceOf } from "../../engine/connect";
import { tableKey, type Connector } from "../../engine/types";
import { isEmptyPolicy, retentionPolicy } from "../../backup/retention";
import { clearAtRisk } from "../../db/notifications";
import { getPolicy } from "../../db/policies";
import { formatBytes } from "../../format";
import { startJob } from "../enqueue";
import { recordBackupSet, setVerification } from "../../db/backup-sets";
import { sourceAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { defineJob, type JobContext } from "../definitions";
import { openOrInitRepository } from "../repository-access";
import { queuePolicyCopy } from "./copy";

export const backupParams = z.object({
  type: z.enum(["full", "differential", "incremental"]).default("incremental"),
  tables: z.array(z.string().min(1)).optional(),
  /** Every table except these ("orders" or "public.orders"); ignored when `tables` is given. */
  excludeTables: z.array(z.string().min(1)).optional(),
  verifyAfter: z.boolean().default(false),
  /** The policy whose schedule started this backup: its retention is applied afterwards. */
  policyId: z.string().min(1).optional(),
  /** Set by the restore job for the automatic backup taken before an in-place restore. */
  preRestore: z.boolean().default(false),
});

export const backupJob = defineJob({
  kind: "BACKUP",
  params: backupParams,
  perSource: true,
  async handle(ctx) {
    if (!ctx.sourceId) throw new Invalid("A backup job needs a data source.");
    const result = await runBackup(ctx.sourceId, ctx.params, ctx);
    if (ctx.params.policyId && !ctx.params.preRestore) await queuePolicyCopy(ctx.sourceId, ctx.params.policyId, result.backupSetId, ctx);
    if (ctx.params.policyId) await applyPolicyRetention(ctx.sourceId, ctx.params.policyId, ctx);
    return result;
  },
});

type BackupCtx = Pick<JobContext<unknown>, "jobId" | "signal" | "progress" | "log">;

async function tablesExcept(connector: Connector, excluded: string[]): Promise<string[]> {
  const skip = new Set(excluded);
  const all = (await connector.introspect()).tables.map((t) => tableKey(t.ref));
  return all.filter((key) => !skip.has(key) && !skip.has(key.slice(key.indexOf(".") + 1)));
}

/**
 * After a scheduled backup: retention runs as its own prune job (it needs the repository's exclusive lock), with the
 * rules of ALL the source's policies together, so one policy's short retention never forgets what another keeps.
 */
async function applyPolicyRetention(sourceId: string, policyId: string, ctx: BackupCtx) {
  const policy = await getPolicy(policyId);
  const keep = retentionPolicy.partial().parse(policy?.retention ?? {});
  if (!policy || isEmptyPolicy(retentionPolicy.parse(keep))) return;
  const job = await startJob({ kind: "PRUNE", sourceId, params: { sourcePolicies: true } });
  await ctx.log("info", `Retention of the source's policies queued as job ${job.id}`);
}

/** Shared by the backup job and the restore job's pre-restore backup. */
export async function runBackup(sourceId: string, params: z.infer<typeof backupParams>, ctx: BackupCtx) {
  const source = await sourceAccess(sourceId);
  if (!source.storage) throw new Invalid(`${source.name} has no storage target: choose one on the source's page before backing it up.`);
  const startedAt = new Date();
  const repo = await openOrInitRepository(source.storage);
  const connector = connectorFor(source.url);
  try {
    const tables = params.tables ?? (params.excludeTables ? await tablesExcept(connector, params.excludeTables) : undefined);
    const { manifest, warnings } = await backup({
      connector,
      repo,
      type: params.type,
      tables,
      source: sourceOf(source.url),
      onProgress: ctx.progress,
      signal: ctx.signal,
    });
    for (const w of warnings) await ctx.log("warn", w);
    const set = await recordBackupSet({ sourceId, storageTargetId: source.storage.id, manifest, jobId: ctx.jobId, preRestore: params.preRestore, startedAt });
    if (!params.preRestore && (await clearAtRisk(sourceId))) await ctx.log("info", `${source.name} is within its RPO again`);
    await ctx.log(
      "info",
      `Snapshot ${manifest.id.slice(0, 12)} (${manifest.type}): ${manifest.tables.length} tables, ${set.rowCount} rows, ${formatBytes(manifest.stats.bytesRead)} read, ${formatBytes(manifest.stats.bytesStored)} stored`,
    );
    let verified: boolean | null = null;
    if (params.verifyAfter) {
      const check = await verify(repo, manifest.id, { onProgress: ctx.progress, signal: ctx.signal });
      verified = check.ok;
      await setVerification(set.id, check.ok);
      if (check.ok) await ctx.log("info", `Verified: ${check.chunksChecked} chunks decrypt and match their ids, every table matches its digest`);
      for (const p of check.problems) await ctx.log("error", `${p.table}: ${p.message}`);
    }
    // The last word on progress is what the backup did, not where verification stopped.
    const rows = Number(set.rowCount);
    ctx.progress({ phase: "done", rowsDone: rows, rowsTotal: rows, bytesDone: manifest.stats.bytesRead, bytesTotal: manifest.stats.bytesRead });
    return {
      backupSetId: set.id,
      snapshotId: manifest.id,
      type: manifest.type,
      tables: manifest.tables.length,
      rows,
      bytesRead: manifest.stats.bytesRead,
      bytesStored: manifest.stats.bytesStored,
      verified,
      warnings,
    };
  } finally {
    await connector.close();
  }
}
