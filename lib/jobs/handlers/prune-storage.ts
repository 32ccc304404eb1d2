// Prune of a whole storage target, for targets no source uses (copy destinations, targets whose sources were deleted):
// removes only the chunks that no snapshot in the repository references and forgets no snapshot.
import { prune } from "../../backup/prune";
import { storageAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { RepositoryNotFoundError } from "../../repository/errors";
import { Repository } from "../../repository/repository";
import type { JobContext } from "../definitions";
import { targetStorage } from "../repository-access";

export async function pruneStorageTarget(storageTargetId: string, ctx: Pick<JobContext<unknown>, "signal" | "log">, dryRun = false) {
  const target = await storageAccess(storageTargetId);
  let repo: Repository;
  try {
    repo = await Repository.open(targetStorage(target), target.passphrase);
  } catch (error) {
    if (error instanceof RepositoryNotFoundError) throw new Invalid(`${target.name} holds no repository yet (${target.location}): there is nothing to prune.`);
    throw error;
  }
  const result = await prune(repo, { dryRun, signal: ctx.signal });
  await ctx.log("info", `Kept ${result.snapshots} snapshots, forgot 0 (whole-target prune of ${target.name}); ${result.removed.length} unreferenced chunks ${dryRun ? "would be removed" : "removed"}, ${result.chunksKept} kept`);
  if (result.missing.length) await ctx.log("error", `${result.missing.length} chunks that snapshots need are missing: run verify`);
  return { dryRun, storageTargetId, kept: [], forgotten: [], snapshots: result.snapshots, chunksRemoved: result.removed.length, chunksKept: result.chunksKept, missing: result.missing };
}
