// Walks the rows of a run of chunks without an await per row, and merges two such walks in lockstep.
//
// Rows are read straight out of each chunk's plaintext (native indexOf for the row end); a pair of byte-equal
// rows read while nothing is pending is an unchanged row and is skipped without extracting its key, so a
// chunk that changed in a few rows costs little more than two memcmp passes.
import type { RowMerger } from "./row-merge";

const LF = 0x0a;
const EMPTY = Buffer.alloc(0);

export class RowCursor {
  buf: Buffer = EMPTY;
  pos = 0;
  /** No row left now and none will come. */
  done = false;
  /** Plaintext bytes loaded so far. */
  loaded = 0;

  /** `pull` yields the next chunk's plaintext, or null at the end; without one, chunks come through load(). */
  constructor(private readonly pull?: () => Promise<Buffer | null>) {}

  get has(): boolean {
    return this.pos < this.buf.length;
  }

  load(chunk: Buffer): void {
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    this.loaded += chunk.length;
  }

  /** Pulls chunks until a row is available; false when the stream ended. */
  async fill(): Promise<boolean> {
    while (!this.has && !this.done) {
      const next = this.pull ? await this.pull() : null;
      if (next === null) this.done = true;
      else if (next.length) this.load(next);
    }
    return this.has;
  }

  rowEnd(): number {
    const e = this.buf.indexOf(LF, this.pos);
    return e === -1 ? this.buf.length : e;
  }

  /** The next row (without its LF), advancing past it. */
  take(): Buffer {
    const end = this.rowEnd();
    const row = this.buf.subarray(this.pos, end);
    this.pos = end + 1;
    return row;
  }
}

/**
 * Merges the rows both cursors hold now; a side that is done lets the other run alone. Returns when a side
 * that is not done has run out of loaded rows. `fast`: the row text is the comparison text on both sides.
 *
 * While rows are pending on one side only, rows are taken from the other side alone until they match: after a
 * deleted or inserted row the two cursors are one row apart, and this brings them back in step, so the
 * byte-equal skip applies again at once instead of every later row passing through the merger.
 */
export function mergeLoaded(a: RowCursor, b: RowCursor, merger: RowMerger, fast: boolean): void {
  // Galloping: while in step, compare a window of bytes at once (native memcmp) and jump to its last row end;
  // the window doubles on each equal run and drops back near a difference, so an unchanged stretch costs a few
  // calls rather than one per row.
  let window = 4096;
  for (;;) {
    const ha = a.pos < a.buf.length;
    const hb = b.pos < b.buf.length;
    if (ha && hb) {
      const side = merger.pendingSide;
      if (side === "old") {
        merger.push(false, b.take());
        continue;
      }
      if (side === "new") {
        merger.push(true, a.take());
        continue;
      }
      if (side === "none" && fast) {
        const n = Math.min(window, a.buf.length - a.pos, b.buf.length - b.pos);
        if (n >= 256 && a.buf.compare(b.buf, b.pos, b.pos + n, a.pos, a.pos + n) === 0) {
          const lf = a.buf.lastIndexOf(LF, a.pos + n - 1);
          if (lf >= a.pos) {
            b.pos += lf + 1 - a.pos;
            a.pos = lf + 1;
            window = Math.min(window * 2, 1 << 20);
            continue;
          }
        } else window = 256;
      }
      const ae = a.rowEnd();
      const be = b.rowEnd();
      if (side === "none" && fast && ae - a.pos === be - b.pos && a.buf.compare(b.buf, b.pos, be, a.pos, ae) === 0) {
        a.pos = ae + 1;
        b.pos = be + 1;
        continue;
      }
      merger.push(true, a.buf.subarray(a.pos, ae));
      a.pos = ae + 1;
      if (merger.pendingSide === "none") continue;
      merger.push(false, b.buf.subarray(b.pos, be));
      b.pos = be + 1;
    } else if (ha && b.done) merger.push(true, a.take());
    else if (hb && a.done) merger.push(false, b.take());
    else return;
  }
}

/** Merges both cursors to their ends, flushing the sink between chunks. */
export async function mergeToEnd(a: RowCursor, b: RowCursor, merger: RowMerger, fast: boolean, between?: () => Promise<void>): Promise<void> {
  for (;;) {
    if (!a.has) await a.fill();
    if (!b.has) await b.fill();
    if (!a.has && !b.has) break;
    mergeLoaded(a, b, merger, fast);
    await between?.();
  }
  merger.finish();
}
