// Retention in copy destinations: the snapshots a prune forgets in a source's primary repository are forgotten in
// every second destination holding copies of them too (the same snapshot ids), then the chunks nothing kept there
// needs are removed. Without it a copy would outlive its backup forever once the catalog rows cascade away.
import { prune } from "../backup/prune";
import { storageAccess } from "../db/source-secrets";
import { RepositoryNotFoundError } from "../repository/errors";
import { snapshotKey } from "../repository/manifest";
import { Repository } from "../repository/repository";
import type { JobContext } from "./definitions";
import { targetStorage } from "./repository-access";

export interface CopyRetention {
  storageTargetId: string;
  name: string;
  /** Snapshot ids forgotten there (or, in a dry run, that would be). */
  forgotten: string[];
  chunksRemoved: number;
  /** Why this destination could not be pruned (logged as an error; the others are still pruned). */
  error: string | null;
}

/** `copies`: destination target id → ids of the forgotten snapshots it holds copies of (lib/db/copies.ts). */
export async function forgetInCopies(
  copies: Map<string, string[]>,
  options: { dryRun: boolean; signal?: AbortSignal },
  ctx: Pick<JobContext<unknown>, "log">,
): Promise<CopyRetention[]> {
  const out: CopyRetention[] = [];
  for (const [storageTargetId, ids] of copies) {
    const target = await storageAccess(storageTargetId);
    const entry: CopyRetention = { storageTargetId, name: target.name, forgotten: [], chunksRemoved: 0, error: null };
    out.push(entry);
    try {
      const repo = await Repository.open(targetStorage(target), target.passphrase);
      for (const id of ids) if (await repo.storage.exists(snapshotKey(id))) entry.forgotten.push(id);
      if (!entry.forgotten.length) continue;
      if (!options.dryRun) for (const id of entry.forgotten) await repo.deleteSnapshot(id);
      const swept = await prune(repo, { dryRun: options.dryRun, signal: options.signal, ignoring: new Set(entry.forgotten) });
      entry.chunksRemoved = swept.removed.length;
      const verb = options.dryRun ? "would forget" : "forgot";
      await ctx.log("info", `Copy destination ${target.name} (${target.location}): ${verb} the same ${entry.forgotten.length} snapshots; ${entry.chunksRemoved} chunks ${options.dryRun ? "would be " : ""}removed`);
    } catch (error) {
      entry.error = error instanceof RepositoryNotFoundError
        ? `No Tidemark repository at ${target.location}: its copies are gone already, or the target's location changed`
        : error instanceof Error ? error.message : String(error);
      await ctx.log("error", `Copy destination ${target.name}: could not forget the snapshots retention removed from the primary (${ids.map((id) => id.slice(0, 12)).join(", ")}): ${entry.error}`);
    }
  }
  return out;
}
