// Post-restore verification of one big table over several connections at once: the table is cut into key ranges
// that start where the snapshot's chunks start, each range is read back and chunked again, and the chunk ids are
// compared with the manifest's. The chunker starts afresh after every cut, so a range that begins at a chunk
// boundary chunks exactly as the whole stream did: equal ids ⇔ equal rows.
import type { Readable } from "node:stream";
import type { KeyRange, SnapshotReader } from "../engine/types";
import { chunksWithIds } from "../repository/chunk-stream";
import type { TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";

/** Tables at least this big are read back in ranges (smaller ones cost less than a second connection). */
export const RANGE_VERIFY_BYTES = 32 << 20;

export interface RangePlan {
  range: KeyRange;
  /** Manifest chunk ids the range must chunk into, in order. */
  ids: string[];
}

/**
 * Cuts the table at the chunk nearest each 1/parts of its bytes and reads the first key of those chunks from the
 * repository. Null when the table is too small, its key is not one integer column, or a cut's key is not an integer.
 */
export async function planRanges(repo: Repository, t: TableManifest, parts: number, minBytes = RANGE_VERIFY_BYTES): Promise<RangePlan[] | null> {
  if (parts < 2 || t.bytes < minBytes || t.keyColumns.length !== 1 || t.chunks.length < parts * 2) return null;
  const rowColumns = t.columns.filter((c) => !c.generated);
  const keyIndex = rowColumns.findIndex((c) => c.name === t.keyColumns[0]);
  if (keyIndex < 0) return null;
  const cuts: number[] = [];
  let bytes = 0;
  for (let i = 0; i < t.chunks.length && cuts.length < parts - 1; i++) {
    if (i > 0 && bytes >= (t.bytes * (cuts.length + 1)) / parts) cuts.push(i);
    bytes += t.chunks[i].size;
  }
  const keys: string[] = [];
  for (const i of cuts) {
    const key = firstField(await repo.readChunk(t.chunks[i].id), keyIndex);
    if (key === null || !/^-?\d{1,20}$/.test(key)) return null;
    keys.push(key);
  }
  const bounds = [0, ...cuts, t.chunks.length];
  return bounds.slice(0, -1).map((start, n) => ({
    range: { ...(n > 0 ? { from: keys[n - 1] } : {}), ...(n < keys.length ? { to: keys[n] } : {}) },
    ids: t.chunks.slice(start, bounds[n + 1]).map((c) => c.id),
  }));
}

/** Field `index` of the chunk's first row, as written in the row stream (null when the row is shorter). */
function firstField(chunk: Buffer, index: number): string | null {
  const end = chunk.indexOf(10);
  const row = chunk.toString("utf8", 0, end < 0 ? chunk.length : end);
  const fields = row.split("\t");
  return index < fields.length ? fields[index] : null;
}

/** True when the range's rows chunk into exactly `ids`; stops reading at the first difference. */
export async function rangeMatches(repo: Repository, rows: Readable, ids: string[]): Promise<boolean> {
  let next = 0;
  try {
    for await (const c of chunksWithIds(repo, rows)) if (c.id !== ids[next++]) return false;
    return next === ids.length;
  } finally {
    rows.destroy();
  }
}

/** Reads the table back in the planned ranges at once; null when the reader cannot read by key range. */
export async function verifyInRanges(repo: Repository, reader: SnapshotReader, t: TableManifest, plan: RangePlan[]): Promise<boolean | null> {
  if (!reader.rowsInRange) return null;
  const streams: Readable[] = [];
  for (const p of plan) {
    const s = reader.rowsInRange(t.ref, p.range);
    if (!s) {
      for (const open of streams) open.destroy();
      return null;
    }
    streams.push(s);
  }
  const results = await Promise.all(streams.map((s, i) => rangeMatches(repo, s, plan[i].ids)));
  return results.every(Boolean);
}
