// Backup job: one snapshot of a source into its storage target, recorded as a backup set, optionally verified.
import { z } from "zod";
import { backup } from "../../backup/backup";
import { verify } from "../../backup/verify";
import { connectorFor, sourceOf } from "../../engine/connect";
import { recordBackupSet, setVerification } from "../../db/backup-sets";
import { sourceAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { defineJob } from "../definitions";
import { openOrInitRepository } from "../repository-access";

export const backupParams = z.object({
  type: z.enum(["full", "differential", "incremental"]).default("incremental"),
  tables: z.array(z.string().min(1)).optional(),
  verifyAfter: z.boolean().default(false),
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
    return result;
  },
});

type BackupCtx = Pick<Parameters<typeof backupJob.handle>[0], "jobId" | "signal" | "progress" | "log">;

/** Shared by the backup job and the restore job's pre-restore backup. */
export async function runBackup(sourceId: string, params: z.infer<typeof backupParams>, ctx: BackupCtx) {
  const source = await sourceAccess(sourceId);
  if (!source.storage) throw new Invalid(`${source.name} has no storage target: choose one on the source's page before backing it up.`);
  const startedAt = new Date();
  const repo = await openOrInitRepository(source.storage.location, source.storage.passphrase);
  const connector = connectorFor(source.url);
  try {
    const { manifest, warnings } = await backup({
      connector,
      repo,
      type: params.type,
      tables: params.tables,
      source: sourceOf(source.url),
      onProgress: ctx.progress,
      signal: ctx.signal,
    });
    for (const w of warnings) await ctx.log("warn", w);
    const set = await recordBackupSet({ sourceId, storageTargetId: source.storage.id, manifest, jobId: ctx.jobId, preRestore: params.preRestore, startedAt });
    await ctx.log("info", `Snapshot ${manifest.id.slice(0, 12)} (${manifest.type}): ${manifest.tables.length} tables, ${set.rowCount} rows, ${manifest.stats.bytesStored} bytes stored`);
    let verified: boolean | null = null;
    if (params.verifyAfter) {
      const check = await verify(repo, manifest.id, { onProgress: ctx.progress, signal: ctx.signal });
      verified = check.ok;
      await setVerification(set.id, check.ok);
      for (const p of check.problems) await ctx.log("error", `${p.table}: ${p.message}`);
    }
    return {
      backupSetId: set.id,
      snapshotId: manifest.id,
      type: manifest.type,
      tables: manifest.tables.length,
      rows: Number(set.rowCount),
      bytesRead: manifest.stats.bytesRead,
      bytesStored: manifest.stats.bytesStored,
      verified,
      warnings,
    };
  } finally {
    await connector.close();
  }
}
