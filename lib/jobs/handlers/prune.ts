// Prune job: apply a source's retention to its snapshots (pinned ones are kept), forget the rest, remove chunks no
// kept snapshot needs, and drop the forgotten backup sets from the catalog; copy destinations holding copies of the
// forgotten snapshots forget them too (lib/jobs/copy-retention.ts). A dry run only lists what would go.
import { z } from "zod";
import { forget } from "../../backup/forget";
import { retentionPolicy } from "../../backup/retention";
import { sourceOf } from "../../engine/connect";
import { deleteBackupSetsBySnapshot, orphanedBackupSets, pinnedSnapshotIds, PRE_RESTORE_KEEP_DAYS, preRestoreSnapshots, snapshotsInUse } from "../../db/backup-sets";
import { copiesOfSnapshots } from "../../db/copies";
import { sourceAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { listPolicies, retentionsOf } from "../../db/policies";
import { defineJob } from "../definitions";
import { forgetInCopies } from "../copy-retention";
import { openExistingRepository } from "../repository-access";
import { pruneStorageTarget } from "./prune-storage";

export const pruneJob = defineJob({
  kind: "PRUNE",
  params: z.object({
    keep: retentionPolicy.partial().default({}),
    timeZone: z.string().default("UTC"),
    /** Apply the retention of all the source's policies together (after a scheduled backup) instead of `keep`. */
    sourcePolicies: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    /** Prune this storage target's repository as a whole (no source, nothing forgotten): lib/jobs/handlers/prune-storage.ts. */
    storageTargetId: z.string().min(1).optional(),
  }),
  // A source's prune queues behind that source's other jobs (the copy its backup queued); a storage-wide one has no source.
  perSource: true,
  async handle(ctx) {
    if (ctx.params.storageTargetId && !ctx.sourceId) return pruneStorageTarget(ctx.params.storageTargetId, ctx, ctx.params.dryRun);
    if (!ctx.sourceId) throw new Invalid("Retention applies to one data source: choose it.");
    const source = await sourceAccess(ctx.sourceId);
    if (!source.storage) throw new Invalid(`${source.name} has no storage target.`);
    const repo = await openExistingRepository(source.storage);
    const policies = ctx.params.sourcePolicies ? retentionsOf(await listPolicies(ctx.sourceId)) : undefined;
    const inUse = await snapshotsInUse(source.storage.id);
    if (inUse.length) await ctx.log("info", `Keeping ${inUse.length} snapshot${inUse.length === 1 ? "" : "s"} that queued or running restores, comparisons, drills or copies still read`);
    // The catalog follows each manifest deletion at once (onForgotten): looked up before the backup sets go, since
    // their copy rows cascade away with them.
    const copies = new Map<string, string[]>();
    const forgetInCatalog = async (ids: string[]) => {
      for (const [target, snaps] of await copiesOfSnapshots(source.storage!.id, ids)) copies.set(target, [...(copies.get(target) ?? []), ...snaps]);
      if (!ctx.params.dryRun) await deleteBackupSetsBySnapshot(source.storage!.id, ids);
    };
    // Pre-restore backups (the undo of an in-place restore) are kept PRE_RESTORE_KEEP_DAYS by their own rule, and
    // never fill a retention slot: often of a few tables only, they are not the period's restore point.
    const preRestore = await preRestoreSnapshots(ctx.sourceId, source.storage.id);
    const undoSince = Date.now() - PRE_RESTORE_KEEP_DAYS * 86_400_000;
    const result = await forget(repo, {
      outsideRules: new Set(preRestore.map((p) => p.snapshotId)),
      keepOutside: { ids: new Set(preRestore.filter((p) => p.createdAt.getTime() >= undoSince).map((p) => p.snapshotId)), reason: `undo of an in-place restore (kept ${PRE_RESTORE_KEEP_DAYS} days)` },
      policy: ctx.params.keep,
      policies,
      sourceIdentity: sourceOf(source.url).identity,
      pinned: new Set([...(await pinnedSnapshotIds(source.storage.id)), ...inUse]),
      timeZone: ctx.params.timeZone,
      dryRun: ctx.params.dryRun,
      prune: true,
      signal: ctx.signal,
      onForgotten: (forgotten) => forgetInCatalog(forgotten.map((f) => f.id)),
    });
    if (ctx.params.dryRun) await forgetInCatalog(result.forgotten.map((f) => f.id));
    else {
      // Backups the catalog still lists though their manifests are gone (removed with `tidemark forget`, or by a prune
      // stopped before this fix): the timeline must not offer restore points that do not exist.
      const orphans = await orphanedBackupSets(ctx.sourceId, source.storage.id, new Set(await repo.snapshotIds()));
      if (orphans.length) {
        await forgetInCatalog(orphans);
        await ctx.log("warn", `Removed ${orphans.length} backup${orphans.length === 1 ? "" : "s"} from the catalog whose snapshots are no longer in the repository`);
      }
    }
    const verb = ctx.params.dryRun ? "would forget" : "forgot";
    await ctx.log("info", `Kept ${result.kept.length} snapshots, ${verb} ${result.forgotten.length}; ${result.prune?.removed.length ?? 0} chunks ${ctx.params.dryRun ? "would be" : ""} removed`);
    if (result.prune?.missing.length) await ctx.log("error", `${result.prune.missing.length} chunks that kept snapshots need are missing: run verify`);
    const copyRetention = await forgetInCopies(copies, { dryRun: ctx.params.dryRun, signal: ctx.signal }, ctx);
    return { copies: copyRetention, dryRun: result.dryRun, kept: result.kept, forgotten: result.forgotten, chunksRemoved: result.prune?.removed.length ?? 0, chunksKept: result.prune?.chunksKept ?? 0, missing: result.prune?.missing ?? [] };
  },
});


