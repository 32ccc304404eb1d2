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
    const sourceId = ctx.sourceId;
    const storageId = source.storage.id;
    // Read under the repository's exclusive lock (forget's `current`): the lock can take minutes to get, and a backup
    // pinned, a restore queued or a policy changed meanwhile must count.
    const current = async () => {
      const inUse = await snapshotsInUse(storageId);
      if (inUse.length) await ctx.log("info", `Keeping ${inUse.length} snapshot${inUse.length === 1 ? "" : "s"} that queued or running restores, comparisons, drills or copies still read`);
      // Pre-restore backups (the undo of an in-place restore) are kept PRE_RESTORE_KEEP_DAYS by their own rule, and
      // never fill a retention slot: often of a few tables only, they are not the period's restore point.
      const preRestore = await preRestoreSnapshots(sourceId, storageId);
      const undoSince = Date.now() - PRE_RESTORE_KEEP_DAYS * 86_400_000;
      return {
        pinned: new Set([...(await pinnedSnapshotIds(storageId)), ...inUse]),
        outsideRules: new Set(preRestore.map((p) => p.snapshotId)),
        keepOutside: { ids: new Set(preRestore.filter((p) => p.createdAt.getTime() >= undoSince).map((p) => p.snapshotId)), reason: `undo of an in-place restore (kept ${PRE_RESTORE_KEEP_DAYS} days)` },
        ...(ctx.params.sourcePolicies ? { policies: retentionsOf(await listPolicies(sourceId)) } : {}),
      };
    };
    // The catalog follows each manifest deletion at once (onForgotten): looked up before the backup sets go, since
    // their copy rows cascade away with them; their copies elsewhere are forgotten afterwards.
    const copies = new Map<string, string[]>();
    const forgetInCatalog = async (ids: string[]) => {
      for (const [target, snaps] of await copiesOfSnapshots(storageId, ids)) copies.set(target, [...(copies.get(target) ?? []), ...snaps]);
      if (!ctx.params.dryRun) await deleteBackupSetsBySnapshot(storageId, ids);
    };
    const result = await forget(repo, {
      current,
      policy: ctx.params.keep,
      sourceIdentity: sourceOf(source.url).identity,
      timeZone: ctx.params.timeZone,
      dryRun: ctx.params.dryRun,
      prune: true,
      signal: ctx.signal,
      onForgotten: (forgotten) => forgetInCatalog(forgotten.map((f) => f.id)),
    });
    if (ctx.params.dryRun) await forgetInCatalog(result.forgotten.map((f) => f.id));
    else await reportMissing(ctx, sourceId, storageId, source.storage.name, new Set(await repo.snapshotIds()));
    const verb = ctx.params.dryRun ? "would forget" : "forgot";
    await ctx.log("info", `Kept ${result.kept.length} snapshots, ${verb} ${result.forgotten.length}; ${result.prune?.removed.length ?? 0} chunks ${ctx.params.dryRun ? "would be" : ""} removed`);
    if (result.prune?.missing.length) await ctx.log("error", `${result.prune.missing.length} chunks that kept snapshots need are missing: run verify`);
    const copyRetention = await forgetInCopies(copies, { dryRun: ctx.params.dryRun, signal: ctx.signal }, ctx);
    return { copies: copyRetention, dryRun: result.dryRun, kept: result.kept, forgotten: result.forgotten, chunksRemoved: result.prune?.removed.length ?? 0, chunksKept: result.prune?.chunksKept ?? 0, missing: result.prune?.missing ?? [] };
  },
});

/**
 * Backups the catalog lists whose manifests are not in the primary repository (files lost or rolled back, or removed
 * with `tidemark forget`). Their rows go only when nothing else holds them: one with a completed copy stays restorable
 * from that copy ("Read from" in the wizard) and is never touched here, nor is its copy; a pinned one stays too.
 */
async function reportMissing(ctx: { log: (level: "info" | "warn" | "error", message: string) => Promise<void> }, sourceId: string, storageId: string, storageName: string, present: Set<string>) {
  const missing = await orphanedBackupSets(sourceId, storageId, present);
  if (!missing.length) return;
  const copied = new Set([...(await copiesOfSnapshots(storageId, missing, "COMPLETED")).values()].flat());
  const pinned = new Set(await pinnedSnapshotIds(storageId));
  const gone = missing.filter((id) => !copied.has(id) && !pinned.has(id));
  if (gone.length) {
    await deleteBackupSetsBySnapshot(storageId, gone);
    await ctx.log("warn", `Removed ${gone.length} backup${gone.length === 1 ? "" : "s"} from the catalog: ${gone.length === 1 ? "its snapshot is" : "their snapshots are"} no longer in ${storageName} and no copy holds ${gone.length === 1 ? "it" : "them"}`);
  }
  const kept = missing.length - gone.length;
  if (kept) await ctx.log("error", `${kept} backup${kept === 1 ? " is" : "s are"} missing from ${storageName} but kept in the catalog (copied elsewhere or pinned): restore ${kept === 1 ? "it" : "them"} from the copy, and run "Verify" on ${storageName}`);
}
