// Prune: mark every chunk a kept snapshot needs (its own chunks and, for delta chunks, their bases, transitively),
// then sweep the rest — under the repository's exclusive lock, so no backup writes meanwhile.
import { chunkKey } from "../repository/chunk-format";
import type { Repository } from "../repository/repository";
import { StorageNotFoundError } from "../repository/storage/types";
import { checkAbort } from "./progress";

export interface PruneResult {
  snapshots: number;
  chunksBefore: number;
  chunksKept: number;
  /** Chunk ids removed (or, in a dry run, that would be). */
  removed: string[];
  /** Chunks a kept snapshot names but the repository lacks: the repository is damaged (run verify). */
  missing: string[];
  dryRun: boolean;
}

/** The delta bases a stored chunk names in its header, read without fetching the whole object. */
async function chunkBases(repo: Repository, id: string): Promise<string[] | null> {
  const stream = repo.storage.getStream(chunkKey(id));
  const pieces: Buffer[] = [];
  let length = 0;
  try {
    for await (const piece of stream) {
      pieces.push(piece as Buffer);
      length += (piece as Buffer).length;
      if (length >= 4 && length >= 4 + 32 * Buffer.concat(pieces)[3]) break;
    }
  } catch (error) {
    if (error instanceof StorageNotFoundError) return null;
    throw error;
  } finally {
    stream.destroy();
  }
  const head = Buffer.concat(pieces);
  if (head.length < 4) return [];
  const bases: string[] = [];
  for (let i = 0; i < head[3] && 36 + 32 * i <= head.length; i++) bases.push(head.toString("hex", 4 + 32 * i, 36 + 32 * i));
  return bases;
}

export async function prune(
  repo: Repository,
  options: {
    dryRun?: boolean;
    signal?: AbortSignal;
    /** Snapshots to count as already forgotten (a dry run of forget + prune). */
    ignoring?: Set<string>;
    /** The caller already holds the repository's exclusive lock (forget + prune under one lock). */
    locked?: boolean;
  } = {},
): Promise<PruneResult> {
  const lock = options.locked ? null : await repo.lock("exclusive", options.dryRun ? "prune --dry-run" : "prune");
  try {
    const manifests = (await repo.listSnapshots()).filter((m) => !options.ignoring?.has(m.id));
    const marked = new Set<string>();
    const missing: string[] = [];
    const pending = manifests.flatMap((m) => m.tables.flatMap((t) => t.chunks.map((c) => c.id)));
    while (pending.length) {
      checkAbort(options.signal);
      const id = pending.pop()!;
      if (marked.has(id)) continue;
      marked.add(id);
      const bases = await chunkBases(repo, id);
      if (bases === null) missing.push(id);
      else pending.push(...bases.filter((b) => !marked.has(b)));
    }
    const all = await repo.listChunkIds();
    const removed = [...all].filter((id) => !marked.has(id));
    if (!options.dryRun) {
      for (const id of removed) {
        checkAbort(options.signal);
        await repo.storage.delete(chunkKey(id));
      }
    }
    return { snapshots: manifests.length, chunksBefore: all.size, chunksKept: all.size - removed.length, removed, missing, dryRun: Boolean(options.dryRun) };
  } finally {
    await lock?.release();
  }
}
