// Copy job: one backup set into a second storage target (only the chunks it lacks), verified there, recorded as a copy.
import { z } from "zod";
import { copySnapshot, openCopyDestination } from "../../backup/copy";
import { verify } from "../../backup/verify";
import { getBackupSet } from "../../db/backup-sets";
import { failCopy, finishCopy, startCopy } from "../../db/copies";
import { getPolicy } from "../../db/policies";
import { storageAccess } from "../../db/source-secrets";
import { withStorageInitLock } from "../../db/storage-init-lock";
import { Invalid } from "../../errors";
import { formatBytes } from "../../format";
import { defineJob, type JobContext } from "../definitions";
import { startJob } from "../enqueue";
import { openExistingRepository, refuseToRecreate, targetStorage } from "../repository-access";

export const copyParams = z.object({
  backupSetId: z.string().min(1),
  /** The second destination. */
  storageTargetId: z.string().min(1),
});

export const copyJob = defineJob({
  kind: "COPY",
  params: copyParams,
  // One job per source at a time: a copy never races the source's prune.
  perSource: true,
  async handle(ctx) {
    const set = await getBackupSet(ctx.params.backupSetId);
    if (!set) throw new Invalid("That backup set no longer exists.");
    if (set.status !== "COMPLETED") throw new Invalid("Only a completed backup can be copied.");
    if (set.storageTargetId === ctx.params.storageTargetId) throw new Invalid("A backup cannot be copied into the storage target it is already in: choose another one.");
    const source = await storageAccess(set.storageTargetId);
    const dest = await storageAccess(ctx.params.storageTargetId);
    const row = await startCopy({ backupSetId: set.id, storageTargetId: dest.id, jobId: ctx.jobId });
    try {
      const from = await openExistingRepository(source);
      // A destination that held copies and lost its repository is not silently started afresh: the copies the
      // catalog lists there would still be offered to restores but could no longer be read.
      await refuseToRecreate(dest, "If it is lost for good, choose another copy destination in the policy.");
      // Serialised like a first backup: two copies must not each create the destination's config.
      const to = await withStorageInitLock(dest.id, () => openCopyDestination(from, source.passphrase, targetStorage(dest), dest.passphrase));
      await ctx.log("info", `Copying snapshot ${set.snapshotId.slice(0, 12)} from ${source.name} (${source.location}) to ${dest.name} (${dest.location})`);
      const copied = await copySnapshot({ from, to, snapshotId: set.snapshotId, onProgress: ctx.progress, signal: ctx.signal });
      await ctx.log(
        "info",
        copied.alreadyThere
          ? `${dest.name} already holds this snapshot: nothing to send`
          : `Sent ${copied.chunksSent} of ${copied.chunks} chunks (${formatBytes(copied.bytesSent)}); the other ${copied.chunks - copied.chunksSent} were already there`,
      );
      // Read back from the destination: every chunk decrypts and hashes to its id, every table matches its digest.
      const check = await verify(to, set.snapshotId, { onProgress: ctx.progress, signal: ctx.signal });
      for (const p of check.problems) await ctx.log("error", `${p.table}: ${p.message}`);
      if (check.ok) await ctx.log("info", `Verified in ${dest.name}: ${check.chunksChecked} chunks, ${check.tablesChecked} tables`);
      await finishCopy(row.id, { bytesSent: copied.bytesSent, chunksSent: copied.chunksSent, verified: check.ok });
      const rows = copied.manifest.tables.reduce((n, t) => n + t.rows, 0);
      const bytes = copied.manifest.tables.reduce((n, t) => n + t.bytes, 0);
      ctx.progress({ phase: "done", rowsDone: rows, rowsTotal: rows, bytesDone: bytes, bytesTotal: bytes });
      if (!check.ok) throw new Invalid(`The copy in ${dest.name} does not verify: ${check.problems.map((p) => `${p.table}: ${p.message}`).join("; ")}`);
      return { backupSetId: set.id, storageTargetId: dest.id, chunks: copied.chunks, chunksSent: copied.chunksSent, bytesSent: copied.bytesSent, verified: true };
    } catch (err) {
      await failCopy(row.id, err instanceof Error ? err.message : String(err)).catch(() => undefined);
      throw err;
    }
  },
});

/** After a policy's backup: its copy to the policy's second destination runs as its own job. */
export async function queuePolicyCopy(sourceId: string, policyId: string, backupSetId: string, ctx: Pick<JobContext<unknown>, "log">) {
  const policy = await getPolicy(policyId);
  if (!policy?.copyToStorageTargetId) return null;
  const job = await startJob({ kind: "COPY", sourceId, params: { backupSetId, storageTargetId: policy.copyToStorageTargetId } });
  await ctx.log("info", `Copy to the policy's second destination queued as job ${job.id}`);
  return job;
}
