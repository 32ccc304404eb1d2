// A row stream cut into chunks and named by chunk id exactly as a backup would: what a live diff compares with a
// snapshot's chunk list, and what a restore's read-back compares with the manifest.
import type { Readable } from "node:stream";
import { RowChunker, type RawChunk } from "./chunker";
import type { Repository } from "./repository";

/** Row-aligned chunks of `rows` with their repository chunk ids (hashed a few chunks ahead); ids "" without `withIds`. */
export async function* chunksWithIds(repo: Repository, rows: Readable, withIds = true): AsyncGenerator<RawChunk & { id: string }> {
  const chunker = new RowChunker(repo.chunker);
  const out: RawChunk[] = [];
  const queue: { c: RawChunk; id: Promise<string> }[] = [];
  const enqueue = () => {
    for (const c of out) {
      const id = withIds ? repo.chunkId(c.data) : Promise.resolve("");
      id.catch(() => {});
      queue.push({ c, id });
    }
    out.length = 0;
  };
  for await (const piece of rows) {
    chunker.push(piece as Buffer, out);
    enqueue();
    while (queue.length > 3) {
      const q = queue.shift()!;
      yield { ...q.c, id: await q.id };
    }
  }
  chunker.finish(out);
  enqueue();
  for (const q of queue) yield { ...q.c, id: await q.id };
}
