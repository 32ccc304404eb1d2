// Second fast path, for changed chunks stored as row deltas against the older snapshot's chunks (what an
// incremental backup after a small change writes): the rows that differ are exactly the older chunks' bytes no
// delta copies, against the bytes the deltas insert. Unchanged rows are then never compared, the newer chunks
// never rebuilt, and an older chunk every byte of which is copied is never read at all.
//
// A newer chunk that is not such a delta (stored whole, or a delta against other chunks) simply brings all its
// rows to the newer side. The hunk is merged row by row as usual when most newer chunks are not such deltas
// (two full backups) or an older byte would be copied twice. Correct because a copied row is the same bytes on
// both sides (so it adds nothing to either side of the merge) and the rows left over keep their order on each
// side, which is all RowMerger needs.
import type { ChunkRef } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { rowDeltaOps } from "../repository/row-delta";

type Ctx = { snapshot: string; table: string };

/** pull() over `n` items fetched `ahead` at a time, in order. */
export function prefetching<T>(n: number, get: (i: number) => Promise<T>, ahead = 3): () => Promise<T | null> {
  const queue: Promise<T>[] = [];
  let next = 0;
  const top = () => {
    while (queue.length < ahead && next < n) {
      const p = get(next++);
      p.catch(() => {}); // observed on its turn
      queue.push(p);
    }
  };
  return async () => {
    top();
    const p = queue.shift();
    if (!p) return null;
    const value = await p;
    top();
    return value;
  };
}

export interface DeltaHunk {
  /** The older side's rows that no delta copies, as row-aligned pieces, in order. */
  oldPull: () => Promise<Buffer | null>;
  /** The rows the deltas insert, in order. */
  newPull: () => Promise<Buffer | null>;
  /** Chunks decoded (the older chunks with uncovered bytes, and the newer chunks). */
  counter: { read: number; skipped: number };
}

interface Coverage {
  /** Copied byte ranges per older chunk. */
  covered: [number, number][][];
  /** Newer chunks that are usable deltas (the others are read whole). */
  usable: boolean[];
  /** The deltas as read, kept while they are small in total (otherwise read again when merged). */
  kept: (Buffer | undefined)[];
}

const KEEP_BYTES = 32 << 20;

/** What the newer chunks' deltas copy from the older ones, or null when the hunk does not qualify. */
async function coverage(repo: Repository, older: ChunkRef[], newer: ChunkRef[], ctxB: Ctx): Promise<Coverage | null> {
  const index = new Map<string, number>();
  for (const [i, c] of older.entries()) {
    if (index.has(c.id)) return null; // the same content twice: which one a delta copied is ambiguous
    index.set(c.id, i);
  }
  const covered: [number, number][][] = older.map(() => []);
  const usable: boolean[] = [];
  const kept: (Buffer | undefined)[] = [];
  let keptBytes = 0;
  const pull = prefetching(newer.length, (i) => repo.readChunkStored(newer[i].id, ctxB), 4);
  for (let s = await pull(); s; s = await pull()) {
    const bases = s.bases?.map((id) => index.get(id)) ?? [];
    const ok = s.bases !== null && bases.every((b) => b !== undefined);
    usable.push(ok);
    const unusable = usable.length - usable.filter(Boolean).length;
    // Mostly whole chunks (e.g. two full backups): the deltas save nothing; stop reading before it costs.
    if (unusable >= 3 && unusable * 2 > usable.length) return null;
    if (!ok || s.bases === null) {
      kept.push(undefined);
      continue;
    }
    keptBytes += s.delta.length;
    kept.push(keptBytes <= KEEP_BYTES ? s.delta : undefined);
    // Offsets in the concatenated bases → (older chunk, offset).
    let base = 0;
    let at = 0;
    const advance = (len: number, copy: boolean) => {
      while (len > 0) {
        if (base >= bases.length) throw new Error("row delta runs past its bases");
        const k = bases[base]!;
        const n = Math.min(len, older[k].size - at);
        if (copy && n > 0) covered[k].push([at, at + n]);
        at += n;
        len -= n;
        if (at === older[k].size) {
          base++;
          at = 0;
        }
      }
    };
    for (const op of rowDeltaOps(s.delta)) if (op.op !== "insert") advance(op.len, op.op === "copy");
  }
  for (const ranges of covered) {
    ranges.sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < ranges.length; i++) if (ranges[i][0] < ranges[i - 1][1]) return null; // copied twice
  }
  return { covered, usable, kept };
}

export async function deltaHunk(repo: Repository, older: ChunkRef[], newer: ChunkRef[], ctxA: Ctx, ctxB: Ctx): Promise<DeltaHunk | null> {
  if (!older.length || !newer.length) return null;
  const cover = await coverage(repo, older, newer, ctxB);
  if (!cover) return null;
  const { covered, usable, kept } = cover;
  const counter = { read: newer.length, skipped: 0 };

  // Uncovered ranges per older chunk; a chunk with none is never read.
  const gaps = older.map((c, k) => {
    const out: [number, number][] = [];
    let pos = 0;
    for (const [s, e] of covered[k]) {
      if (s > pos) out.push([pos, s]);
      pos = Math.max(pos, e);
    }
    if (pos < c.size) out.push([pos, c.size]);
    return out;
  });
  const needed = older.map((_, k) => k).filter((k) => gaps[k].length > 0);
  counter.skipped = older.length - needed.length;
  const oldChunks = prefetching(needed.length, async (i) => {
    const k = needed[i];
    const plain = (await repo.readChunkWithDepth(older[k].id, ctxA, false)).plain;
    counter.read++;
    return gaps[k].map(([s, e]) => plain.subarray(s, e));
  }, 4);
  const newChunks = prefetching(newer.length, async (i) => {
    if (!usable[i]) return [(await repo.readChunkWithDepth(newer[i].id, ctxB, false)).plain];
    let delta = kept[i];
    if (!delta) {
      const s = await repo.readChunkStored(newer[i].id, ctxB);
      delta = s.bases !== null ? s.delta : Buffer.alloc(0);
    }
    const inserted: Buffer[] = [];
    for (const op of rowDeltaOps(delta)) if (op.op === "insert") inserted.push(op.bytes);
    return inserted;
  });
  const pieces = (chunks: () => Promise<Buffer[] | null>) => {
    let pending: Buffer[] = [];
    return async (): Promise<Buffer | null> => {
      while (!pending.length) {
        const next = await chunks();
        if (next === null) return null;
        pending = next;
      }
      return pending.shift()!;
    };
  };
  return { oldPull: pieces(oldChunks), newPull: pieces(newChunks), counter };
}
