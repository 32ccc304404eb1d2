// Turns MySQL text-protocol row packets straight into canonical COPY text, without building a JS value per field:
// mysql2's generic row parsing (a typeCast call and a Buffer per field) costs more than the server takes to send.
import { ESCAPE_FOR_BYTE } from "../../codec/copy-text";
import type { ValueKind } from "./values";

const BLOCK = 256 * 1024;
const BACKSLASH = 0x5c;
/** COPY escape letter for each byte that must be escaped (0 = copy as is), as a typed array for the hot loop. */
const ESCAPE = Uint8Array.from(ESCAPE_FOR_BYTE);

export class RowTranscoder {
  private out = Buffer.allocUnsafe(BLOCK);
  private at = 0;
  private start = 0;
  rows = 0;

  constructor(
    private readonly kinds: ValueKind[],
    private readonly bitWidths: number[],
  ) {}

  private ensure(n: number): void {
    if (this.at + n <= this.out.length) return;
    // Keep the rows already written (they are handed out by take()); start a new block for the rest.
    const pending = this.out.subarray(this.start, this.at);
    this.out = Buffer.allocUnsafe(Math.max(BLOCK, n + pending.length));
    pending.copy(this.out, 0);
    this.at = pending.length;
    this.start = 0;
  }

  /** Appends one row from a row packet's payload `buf[offset, end)`. */
  push(buf: Buffer, offset: number, end: number): void {
    const kinds = this.kinds;
    // Worst case: every byte escaped (text) or hex with an escaped prefix, plus separators.
    this.ensure(2 * (end - offset) + 4 * kinds.length + 8);
    const out = this.out;
    let at = this.at;
    let p = offset;
    for (let i = 0; i < kinds.length; i++) {
      if (i > 0) out[at++] = 0x09;
      let len = buf[p++];
      if (len === 0xfb) {
        out[at++] = BACKSLASH;
        out[at++] = 0x4e; // \N
        continue;
      }
      if (len === 0xfc) {
        len = buf[p] | (buf[p + 1] << 8);
        p += 2;
      } else if (len === 0xfd) {
        len = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16);
        p += 3;
      } else if (len === 0xfe) {
        len = buf.readUInt32LE(p) + buf.readUInt32LE(p + 4) * 2 ** 32;
        p += 8;
      }
      const stop = p + len;
      const kind = kinds[i];
      if (kind === "text") {
        for (; p < stop; p++) {
          const b = buf[p];
          const e = ESCAPE[b];
          if (e === 0) out[at++] = b;
          else {
            out[at++] = BACKSLASH;
            out[at++] = e;
          }
        }
      } else if (kind === "hex") {
        out[at++] = BACKSLASH;
        out[at++] = BACKSLASH;
        out[at++] = 0x78; // \\x: the field's text is \x…, and COPY escapes its backslash
        at += out.write(buf.toString("hex", p, stop), at, "latin1");
        p = stop;
      } else {
        let n = 0n;
        for (; p < stop; p++) n = (n << 8n) | BigInt(buf[p]);
        at += out.write(n.toString(2).padStart(this.bitWidths[i], "0"), at, "latin1");
      }
    }
    out[at++] = 0x0a;
    this.at = at;
    this.rows++;
  }

  /** Bytes of rows not yet taken. */
  get size(): number {
    return this.at - this.start;
  }

  /** The rows written since the last take(), as one buffer (a view: the block is never written again). */
  take(): Buffer | null {
    if (this.at === this.start) return null;
    const rows = this.out.subarray(this.start, this.at);
    this.start = this.at;
    if (this.out.length - this.at < BLOCK / 4) {
      this.out = Buffer.allocUnsafe(BLOCK);
      this.at = 0;
      this.start = 0;
    }
    return rows;
  }
}
