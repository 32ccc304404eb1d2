// Reads one table's chunks back in order, decrypting and decompressing a few ahead so the consumer never waits.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { tableKey } from "../engine/types";
import { CorruptChunkError, RepositoryError } from "../repository/errors";
import type { TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";

export class TableDigestError extends RepositoryError {
  constructor(
    readonly snapshot: string,
    readonly table: string,
  ) {
    super(`Table ${table} in snapshot ${snapshot} does not match its recorded digest`);
  }
}

/**
 * Yields the table's row bytes chunk by chunk. Each chunk is authenticated (AES-GCM, its id bound in), and the whole
 * stream is checked against the table digest at the end, so a reordered or missing chunk cannot go unnoticed either.
 * `checkIds` (default on) also re-hashes every chunk against its id: a second pass over every byte that only a
 * writer bug could fail, which `verify` wants to name; a restore relies on the table digest and its read-back.
 */
export async function* tableChunks(
  repo: Repository,
  snapshot: string,
  table: TableManifest,
  options: { ahead?: number; signal?: AbortSignal; onChunk?: (bytes: number, rows: number) => void; checkIds?: boolean } = {},
): AsyncGenerator<Buffer> {
  const ctx = { snapshot, table: tableKey(table.ref) };
  const ahead = options.ahead ?? 4;
  const queue: Promise<Buffer>[] = [];
  let next = 0;
  const fill = () => {
    while (queue.length < ahead && next < table.chunks.length) {
      const p = repo.readChunkWithDepth(table.chunks[next++].id, ctx, options.checkIds ?? true).then((c) => c.plain);
      p.catch(() => {}); // observed when its turn comes; avoids an unhandled rejection meanwhile
      queue.push(p);
    }
  };
  const digest = createHash("sha256");
  let index = 0;
  fill();
  while (queue.length) {
    options.signal?.throwIfAborted();
    const plain = await queue.shift()!;
    fill();
    const ref = table.chunks[index++];
    if (plain.length !== ref.size) throw new CorruptChunkError(ref.id, ctx, `expected ${ref.size} bytes, got ${plain.length}`);
    digest.update(plain);
    options.onChunk?.(plain.length, ref.rows);
    yield plain;
  }
  if (digest.digest("hex") !== table.digest) throw new TableDigestError(snapshot, ctx.table);
}

export function tableStream(...args: Parameters<typeof tableChunks>): Readable {
  return Readable.from(tableChunks(...args), { objectMode: false, highWaterMark: 1 << 20 });
}

/** SHA-256 of a row stream, as recorded in manifests. */
export async function digestStream(rows: AsyncIterable<unknown>): Promise<{ digest: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const piece of rows) {
    hash.update(piece as Buffer);
    bytes += (piece as Buffer).length;
  }
  return { digest: hash.digest("hex"), bytes };
}
