// Copies one snapshot into a second repository that shares the first one's master keys: chunk ids and sealed objects
// are the same in both, so only the chunks the destination lacks are sent, byte for byte, and the manifest goes last.
import { chunkKey, parseHeader } from "../repository/chunk-format";
import { createConfig, unwrapKeys } from "../repository/config";
import { CorruptChunkError, MissingChunkError, RepositoryError } from "../repository/errors";
import { snapshotKey, type Manifest } from "../repository/manifest";
import { Repository } from "../repository/repository";
import { StorageExistsError, StorageNotFoundError, type Storage } from "../repository/storage/types";
import { checkAbort, throttle, type ProgressFn } from "./progress";

export class CopyKeysMismatchError extends RepositoryError {
  constructor(from: string, to: string) {
    super(
      `${to} already holds a Tidemark repository with other keys than ${from}: a copy destination must be empty or a copy of the same repository — choose another bucket, prefix or directory`,
    );
  }
}

/**
 * The destination repository: opened when it exists (it must share the source's keys), otherwise created with the
 * source's master keys and chunker, wrapped under the destination's own passphrase.
 */
export async function openCopyDestination(from: Repository, fromPassphrase: string, to: Storage, toPassphrase: string): Promise<Repository> {
  const keys = await unwrapKeys(from.config, fromPassphrase, from.storage.location);
  if (!(await to.exists("config"))) {
    const { config } = await createConfig(toPassphrase, from.chunker, keys);
    try {
      await to.put("config", Buffer.from(JSON.stringify(config, null, 2) + "\n"), { ifAbsent: true });
    } catch (err) {
      // Another copy job created it a moment ago: open that one (and check its keys) below.
      if (!(err instanceof StorageExistsError)) throw err;
    }
  }
  const repo = await Repository.open(to, toPassphrase);
  const theirs = await unwrapKeys(repo.config, toPassphrase, to.location);
  if (!theirs.dataKey.equals(keys.dataKey) || !theirs.idKey.equals(keys.idKey)) throw new CopyKeysMismatchError(from.storage.location, to.location);
  return repo;
}

export interface CopyResult {
  manifest: Manifest;
  /** Chunks the snapshot needs, delta bases included. */
  chunks: number;
  chunksSent: number;
  bytesSent: number;
  /** The destination already had this snapshot: nothing was sent. */
  alreadyThere: boolean;
}

export async function copySnapshot(opts: {
  from: Repository;
  to: Repository;
  snapshotId: string;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /** Chunks in flight at once: S3 round trips dominate, so several overlap. */
  concurrency?: number;
}): Promise<CopyResult> {
  const { from, to, snapshotId } = opts;
  const report = throttle(opts.onProgress);
  // Shared on both sides: a prune of either repository cannot remove a chunk this copy relies on.
  const fromLock = await from.lock("shared", `copy ${snapshotId} out`);
  let toLock;
  try {
    toLock = await to.lock("shared", `copy ${snapshotId} in`);
  } catch (err) {
    await fromLock.release();
    throw err;
  }
  try {
    const manifest = await from.readManifest(snapshotId);
    const refs = manifest.tables.flatMap((t) => t.chunks.map((c) => ({ ...c, table: `${t.ref.schema ? `${t.ref.schema}.` : ""}${t.ref.name}` })));
    const result: CopyResult = { manifest, chunks: 0, chunksSent: 0, bytesSent: 0, alreadyThere: await to.storage.exists(snapshotKey(snapshotId)) };
    if (result.alreadyThere) {
      result.chunks = new Set(refs.map((r) => r.id)).size;
      return result;
    }
    const rowsTotal = manifest.tables.reduce((n, t) => n + t.rows, 0);
    const bytesTotal = manifest.tables.reduce((n, t) => n + t.bytes, 0);
    let rowsDone = 0;
    let bytesDone = 0;

    const present = await to.listChunkIds();
    const seen = new Set<string>();
    const queue: { id: string; size: number; rows: number; table: string; base?: boolean }[] = [];
    for (const r of refs) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      queue.push(r);
    }
    const sendOne = async (job: (typeof queue)[number]) => {
      if (!present.has(job.id)) {
        let obj: Buffer;
        try {
          obj = await from.storage.get(chunkKey(job.id));
        } catch (err) {
          if (err instanceof StorageNotFoundError) throw new MissingChunkError(job.id, { snapshot: snapshotId, table: job.table });
          throw err;
        }
        const header = parseHeader(obj);
        if (!header) throw new CorruptChunkError(job.id, { snapshot: snapshotId, table: job.table }, "unreadable header (truncated or altered)");
        // A delta chunk is readable only with its bases: they travel with it.
        for (const b of header.bases) {
          if (seen.has(b)) continue;
          seen.add(b);
          queue.push({ id: b, size: 0, rows: 0, table: job.table, base: true });
        }
        await to.storage.put(chunkKey(job.id), obj);
        present.add(job.id);
        result.chunksSent++;
        result.bytesSent += obj.length;
      }
      result.chunks++;
      rowsDone += job.rows;
      bytesDone += job.size;
      report({ phase: "rows", table: job.table, rowsDone, rowsTotal, bytesDone, bytesTotal });
    };
    // A small pool over a growing queue: bases found on the way join it.
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < queue.length && !failed) {
        checkAbort(opts.signal);
        await sendOne(queue[next++]).catch((err) => {
          failed = true;
          throw err;
        });
      }
    };
    const width = Math.max(1, opts.concurrency ?? 8);
    for (;;) {
      const before = queue.length;
      await Promise.all(Array.from({ length: width }, worker));
      if (queue.length === before && next >= queue.length) break;
    }
    checkAbort(opts.signal);
    report({ phase: "manifest", rowsDone, rowsTotal, bytesDone, bytesTotal }, true);
    // Written last, as by a backup: the copy exists only once everything it references is there.
    try {
      await to.storage.put(snapshotKey(snapshotId), await from.storage.get(snapshotKey(snapshotId)), { ifAbsent: true });
    } catch (err) {
      if (!(err instanceof StorageExistsError)) throw err;
    }
    return result;
  } finally {
    await toLock.release().catch(() => undefined);
    await fromLock.release().catch(() => undefined);
  }
}
