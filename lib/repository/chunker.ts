// Content-defined chunking (Gear/FastCDC style) that cuts only after a row's 0x0A, so unchanged rows give identical chunks.
import { createHash } from "node:crypto";

/** Frozen in the repository config: changing any of them changes every chunk boundary and so defeats dedup. */
export interface ChunkerParams {
  algorithm: "gear-rows-v1";
  /** Seed the 256-entry gear table is derived from (see gearTable). */
  gearSeed: string;
  minSize: number;
  avgSize: number;
  maxSize: number;
  /** FastCDC normalised chunking: cut probability ÷2^n before avgSize and ×2^n after it, tightening the size spread. */
  normalization: number;
  /** Leading bytes of a row mixed into its hash (the primary key usually lives there). */
  headBytes: number;
}

export const DEFAULT_CHUNKER: ChunkerParams = {
  algorithm: "gear-rows-v1",
  gearSeed: "tidemark-gear-v1",
  minSize: 256 * 1024,
  avgSize: 1024 * 1024,
  maxSize: 4 * 1024 * 1024,
  normalization: 2,
  headBytes: 24,
};

/** A 32-bit gear hash shifts one bit per byte, so it covers exactly the last 32 bytes fed to it. */
export const TAIL_BYTES = 32;

/** Gear table entry i = first 4 bytes (big-endian) of SHA-256(seed ‖ ":" ‖ i): reproducible from the config alone. */
export function gearTable(seed: string): Int32Array {
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) table[i] = createHash("sha256").update(`${seed}:${i}`).digest().readInt32BE(0);
  return table;
}

/** Finaliser (murmur3 fmix32) so head and tail hashes combine into well-spread bits. */
export function mixRowHash(head: number, tail: number): number {
  let x = Math.imul(head ^ Math.imul(tail, 0x85ebca6b), 0x9e3779b1);
  x ^= x >>> 16;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 13;
  return x >>> 0;
}

export interface RawChunk {
  data: Buffer;
  /** Rows (0x0A bytes) in the chunk. */
  rows: number;
}

/**
 * Cuts a COPY-text row stream into chunks, only ever after a row's 0x0A.
 *
 * Every row end is a candidate. The row's hash is a gear hash of its first `headBytes` mixed with a gear hash of
 * its last 32 bytes; the cut is taken when hash / 2^32 < rowBytes / avgSize (÷/× 2^normalization before/after
 * avgSize), so the expected chunk size is independent of row width and a decision depends on that row alone:
 * an edited row moves at most the boundaries next to it. Rows are found with native indexOf and only ~56 bytes
 * per row are hashed in JavaScript — a per-byte rolling loop runs several times slower in V8.
 * Past maxSize the chunk is cut before the row that would overflow it (a row longer than maxSize is a chunk alone).
 */
export class RowChunker {
  private readonly gear: Int32Array;
  private readonly scaleLow: number;
  private readonly scaleHigh: number;
  private pending: Buffer[] = [];
  /** Bytes of complete rows in the current chunk. */
  private size = 0;
  private rows = 0;
  /** State of the row being read, which may span pieces. */
  private rowLen = 0;
  private head = 0;
  private headCount = 0;
  private tail = 0;

  constructor(private readonly params: ChunkerParams) {
    if (params.algorithm !== "gear-rows-v1") throw new Error(`Unknown chunker ${params.algorithm}`);
    this.gear = gearTable(params.gearSeed);
    const norm = 2 ** params.normalization;
    this.scaleLow = 2 ** 32 / (params.avgSize * norm);
    this.scaleHigh = (2 ** 32 * norm) / params.avgSize;
  }

  /** Feeds one piece of the row stream; complete chunks are appended to `out`. */
  push(piece: Buffer, out: RawChunk[]): void {
    const gear = this.gear;
    const { minSize, avgSize, maxSize, headBytes } = this.params;
    const n = piece.length;
    let pos = 0;
    let segStart = 0;
    while (pos < n) {
      const nl = piece.indexOf(10, pos);
      const end = nl < 0 ? n : nl;
      if (this.headCount < headBytes) {
        const stop = Math.min(end, pos + headBytes - this.headCount);
        let h = this.head;
        for (let i = pos; i < stop; i++) h = ((h << 1) + gear[piece[i]]) | 0;
        this.head = h;
        this.headCount += stop - pos;
      }
      // Older bytes would be shifted out of the 32-bit state anyway: hashing the last 32 of this segment suffices.
      let t = this.tail;
      for (let i = Math.max(pos, end - TAIL_BYTES); i < end; i++) t = ((t << 1) + gear[piece[i]]) | 0;
      this.tail = t;
      this.rowLen += end - pos;
      if (nl < 0) break;

      const rowBytes = this.rowLen + 1;
      if (this.size > 0 && this.size + rowBytes > maxSize) {
        // This row would overflow maxSize: end the chunk before it.
        this.pending.push(piece.subarray(segStart, nl + 1));
        const all = Buffer.concat(this.pending);
        out.push({ data: all.subarray(0, this.size), rows: this.rows });
        this.pending = [all.subarray(this.size)];
        segStart = nl + 1;
        this.size = 0;
        this.rows = 0;
      }
      this.size += rowBytes;
      this.rows++;
      if (this.size >= minSize) {
        const limit = rowBytes * (this.size < avgSize ? this.scaleLow : this.scaleHigh);
        if (this.size >= maxSize || mixRowHash(this.head, this.tail) < limit) {
          this.pending.push(piece.subarray(segStart, nl + 1));
          out.push({ data: concat(this.pending, this.size), rows: this.rows });
          this.pending = [];
          segStart = nl + 1;
          this.size = 0;
          this.rows = 0;
        }
      }
      this.rowLen = 0;
      this.head = 0;
      this.headCount = 0;
      this.tail = 0;
      pos = nl + 1;
    }
    if (segStart < n) this.pending.push(segStart === 0 ? piece : piece.subarray(segStart));
  }

  /** Emits whatever is left (the stream's last rows, and a final row without its newline if the stream had one). */
  finish(out: RawChunk[]): void {
    const size = this.size + this.rowLen;
    if (size > 0) out.push({ data: concat(this.pending, size), rows: this.rows + (this.rowLen > 0 ? 1 : 0) });
    this.pending = [];
    this.size = this.rows = this.rowLen = this.head = this.headCount = this.tail = 0;
  }
}

function concat(parts: Buffer[], size: number): Buffer {
  return parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
}

/** Chunks a whole buffer at once: tests and tools. */
export function chunkBuffer(data: Buffer, params: ChunkerParams = DEFAULT_CHUNKER, pieceSize = 8192): RawChunk[] {
  const chunker = new RowChunker(params);
  const out: RawChunk[] = [];
  for (let i = 0; i < data.length; i += pieceSize) chunker.push(data.subarray(i, i + pieceSize), out);
  chunker.finish(out);
  return out;
}
