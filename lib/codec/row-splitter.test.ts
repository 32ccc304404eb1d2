import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { encodeRow } from "./copy-text";
import { lastRowEnd, RowSplitter, rowBlocks, rowEnds, splitRows } from "./row-splitter";

const rows = [
  encodeRow(["1", "tab\there", null]),
  encodeRow(["2", "new\nline", ""]),
  encodeRow(["3", "back\\slash", "żółw"]),
];
const all = Buffer.concat(rows);

/** Cuts a buffer into pieces of `size` bytes, ignoring row boundaries. */
function pieces(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe("row boundaries", () => {
  it("finds every row end and only row ends (escaped newlines are not boundaries)", () => {
    let at = 0;
    const expected = rows.map((r) => (at += r.length));
    expect(rowEnds(all)).toEqual(expected);
    expect(lastRowEnd(all)).toBe(all.length);
    expect(lastRowEnd(Buffer.from("no end"))).toBe(0);
  });

  it("RowSplitter returns whole rows whatever the piece size", () => {
    for (const size of [1, 2, 5, 7, all.length]) {
      const splitter = new RowSplitter();
      const out: Buffer[] = [];
      for (const p of pieces(all, size)) {
        const r = splitter.push(p);
        if (r) out.push(r);
      }
      splitter.end();
      const joined = Buffer.concat(out);
      expect(joined.equals(all)).toBe(true);
      for (const b of out) expect(b[b.length - 1]).toBe(0x0a);
    }
  });

  it("RowSplitter.end() refuses a stream that stops inside a row", () => {
    const splitter = new RowSplitter();
    splitter.push(Buffer.from("1\tpartial"));
    expect(() => splitter.end()).toThrow(/ended inside a row/);
  });

  it("rowBlocks gathers small pieces into blocks of whole rows of at least the target size", async () => {
    const big = Buffer.concat(Array.from({ length: 500 }, () => all));
    const blocks: Buffer[] = [];
    for await (const b of rowBlocks(Readable.from(pieces(big, 13)), 1000)) blocks.push(b);
    expect(Buffer.concat(blocks).equals(big)).toBe(true);
    blocks.slice(0, -1).forEach((b) => expect(b.length).toBeGreaterThanOrEqual(1000));
    blocks.forEach((b) => expect(b[b.length - 1]).toBe(0x0a));
  });

  it("splitRows yields each row without its terminator", async () => {
    const out: string[] = [];
    for await (const r of splitRows(Readable.from(pieces(all, 3)))) out.push(r.toString());
    expect(out).toEqual(rows.map((r) => r.subarray(0, -1).toString()));
  });
});
