// Helpers shared by backup and restore: matching `--tables` names to table refs, and the base-chunk aligner for deltas.
import { tableKey, type TableRef } from "../engine/types";
import type { ChunkRef } from "../repository/manifest";

/** Accepts "schema.name", or a bare "name" when it is unambiguous. */
export function selectTables<T extends { ref: TableRef }>(all: T[], wanted: (string | TableRef)[] | undefined): T[] {
  if (!wanted || wanted.length === 0) return all;
  return wanted.map((w) => {
    const name = typeof w === "string" ? w : tableKey(w);
    const exact = all.filter((t) => tableKey(t.ref) === name);
    const found = exact.length ? exact : all.filter((t) => t.ref.name === name);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw new Error(`Table name ${name} is ambiguous: use schema.name`);
    throw new Error(`No table ${name} (known: ${all.map((t) => tableKey(t.ref)).join(", ") || "none"})`);
  });
}

/**
 * Picks which chunks of the parent snapshot's table a new chunk most likely evolved from, walking both lists in
 * order. Content-defined boundaries survive small edits, so chunk i of the new stream mostly lines up with one
 * parent chunk at the same offset give or take the bytes inserted or deleted before it (tracked as drift).
 */
export class BaseAligner {
  private readonly starts: number[] = [];
  private j = 0;
  private drift = 0;

  constructor(private readonly chunks: ChunkRef[]) {
    let offset = 0;
    for (const c of chunks) {
      this.starts.push(offset);
      offset += c.size;
    }
  }

  pick(start: number, size: number): string[] {
    const { starts, chunks } = this;
    if (!chunks.length) return [];
    const expected = start + this.drift;
    while (this.j + 1 < chunks.length && Math.abs(starts[this.j + 1] - expected) <= Math.abs(starts[this.j] - expected)) this.j++;
    const j = this.j;
    const ids = [chunks[j].id];
    // The new chunk runs well past the matched one (a boundary vanished): give zstd the next one too.
    if (j + 1 < chunks.length && starts[j] + chunks[j].size < expected + size - size / 8) ids.push(chunks[j + 1].id);
    this.drift = starts[j] - start;
    return ids;
  }
}
