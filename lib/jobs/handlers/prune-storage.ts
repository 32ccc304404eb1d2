// Prune of a whole storage target, for targets no source uses (copy destinations, targets whose sources were deleted):
// removes only the chunks that no snapshot in the repository references and forgets no snapshot.
import { prune } from "../../backup/prune";
import { storageAccess } from "../../db/source-secrets";
import type { JobContext } from "../definitions";
import { openExistingRepository } from "../repository-access";

export async function pruneStorageTarget(storageTargetId: string, ctx: Pick<JobContext<unknown>, "signal" | "log">, dryRun = false) {
  const target = await storageAccess(storageTargetId);
  // A target never written to has nothing to prune; one whose repository vanished is reported as such.
  const repo = await openExistingRepository(target);
  const result = await prune(repo, { dryRun, signal: ctx.signal });
  await ctx.log("info", `Kept ${result.snapshots} snapshots, forgot 0 (whole-target prune of ${target.name}); ${result.removed.length} unreferenced chunks ${dryRun ? "would be removed" : "removed"}, ${result.chunksKept} kept`);
  if (result.missing.length) await ctx.log("error", `${result.missing.length} chunks that snapshots need are missing: run verify`);
  return { dryRun, storageTargetId, kept: [], forgotten: [], snapshots: result.snapshots, chunksRemoved: result.removed.length, chunksKept: result.chunksKept, missing: result.missing };
}
