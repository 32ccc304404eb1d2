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
 * The tables an in-place restore replaces. A partial backup (made with chosen tables, e.g. the pre-restore backup of
 * a chosen-tables restore) replaces only the tables it holds: restoring it "whole" must never drop the other tables.
 */
export function replaceScope(manifest: { partial: boolean; tables: { ref: TableRef }[] }, tables: (string | TableRef)[] | undefined): string[] | undefined {
  if (tables?.length) return tables.map((t) => (typeof t === "string" ? t : tableKey(t)));
  return manifest.partial ? manifest.tables.map((t) => tableKey(t.ref)) : undefined;
}

/**
 * Picks which chunks of the parent snapshot's table a new chunk most likely evolved from. Content-defined
 * boundaries survive small edits, so a new chunk covers about the same byte range of the table as some parent
 * chunk, shifted by the bytes inserted or deleted before it (the drift). The bases are the parent chunks
 * overlapping the new chunk's range (at most 3); the drift is re-anchored only on a confident match (one
 * parent chunk of nearly the same size), so a boundary that appeared or vanished cannot derail what follows.
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
    const lo = start + this.drift;
    const hi = lo + size;
    while (this.j < chunks.length - 1 && starts[this.j] + chunks[this.j].size <= lo) this.j++;
    const picked: number[] = [];
    let best = -1;
    let bestOverlap = 0;
    for (let k = this.j; k < chunks.length && starts[k] < hi; k++) {
      const overlap = Math.min(hi, starts[k] + chunks[k].size) - Math.max(lo, starts[k]);
      if (overlap >= size / 10 && picked.length < 3) picked.push(k);
      if (overlap > bestOverlap) [best, bestOverlap] = [k, overlap];
    }
    if (picked.length === 0 && best >= 0) picked.push(best);
    if (picked.length === 0 && chunks.length) picked.push(Math.min(this.j, chunks.length - 1));
    if (best >= 0 && Math.abs(chunks[best].size - size) <= size / 50) this.drift = starts[best] - start;
    return picked.map((k) => chunks[k].id);
  }
}
