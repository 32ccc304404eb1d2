// Finds row boundaries in a stream of COPY text bytes: a raw LF byte only ever ends a row, so a cut
// just after an LF is always a row boundary, whatever the data holds.
import type { Readable } from "node:stream";

const LF = 0x0a;

/** Offset just past the last row terminator in `buf`, or 0 when it holds no complete row. */
export function lastRowEnd(buf: Buffer, from = 0): number {
  const i = buf.lastIndexOf(LF);
  return i < from ? 0 : i + 1;
}

/** Offsets just past every row terminator in `buf` (a row boundary list for chunkers and diffs). */
export function rowEnds(buf: Buffer): number[] {
  const ends: number[] = [];
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) ends.push(i + 1);
  return ends;
}

/**
 * Incremental splitter: feed pieces of any size, get back whole rows. Pieces that hold no row end are
 * kept in a list and joined once, so many small pieces never cost a quadratic concat.
 */
export class RowSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** Returns the complete rows (each with its LF) that this piece finishes, as one contiguous buffer. */
  push(piece: Buffer): Buffer | null {
    const end = lastRowEnd(piece);
    if (end === 0) {
      this.pending.push(piece);
      this.pendingBytes += piece.length;
      return null;
    }
    const head = piece.subarray(0, end);
    const rows = this.pending.length === 0 ? head : Buffer.concat([...this.pending, head], this.pendingBytes + end);
    this.pending = end < piece.length ? [piece.subarray(end)] : [];
    this.pendingBytes = piece.length - end;
    return rows;
  }

  /** Bytes of an unfinished row still held. */
  get buffered(): number {
    return this.pendingBytes;
  }

  /** Call at end of input: a stream that does not end with LF is truncated or not COPY text. */
  end(): void {
    if (this.pendingBytes > 0) {
      throw new Error(`Row stream ended inside a row (${this.pendingBytes} bytes after the last line feed)`);
    }
  }
}

/**
 * Gathers a stream of small pieces (PostgreSQL sends ≈8 KB) into blocks of whole rows of at least
 * `targetBytes` (the last block may be smaller), joining each block with one concat.
 */
export async function* rowBlocks(source: Readable | AsyncIterable<Buffer>, targetBytes = 1 << 20): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  let tail: Buffer[] = [];
  let tailSize = 0;
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const piece = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    const end = lastRowEnd(piece);
    if (end === 0) {
      tail.push(piece);
      tailSize += piece.length;
      continue;
    }
    parts.push(...tail, piece.subarray(0, end));
    size += tailSize + end;
    tail = end < piece.length ? [piece.subarray(end)] : [];
    tailSize = piece.length - end;
    if (size >= targetBytes) {
      yield parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (tailSize > 0) throw new Error(`Row stream ended inside a row (${tailSize} bytes after the last line feed)`);
  if (size > 0) yield parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
}

/** Every row of a stream, one Buffer each, without its LF (for diffs and exports, not the hot path). */
export async function* splitRows(source: Readable | AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const block of rowBlocks(source, 256 * 1024)) {
    let start = 0;
    for (let i = block.indexOf(LF); i !== -1; i = block.indexOf(LF, start)) {
      yield block.subarray(start, i);
      start = i + 1;
    }
  }
}
