// Chunker: determinism, row-boundary cuts, min/max bounds and boundary stability under edits.
import { describe, expect, it } from "vitest";
import { chunkBuffer, DEFAULT_CHUNKER, type ChunkerParams } from "./chunker";

const SMALL: ChunkerParams = { ...DEFAULT_CHUNKER, minSize: 2048, avgSize: 8192, maxSize: 32768 };

/** Deterministic COPY-like rows (xorshift PRNG), so failures reproduce. */
function rows(count: number, seed = 1): string[] {
  let x = seed;
  const rnd = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
  return Array.from({ length: count }, (_, i) => `${i}\tuser${Math.floor(rnd() * 1e9)}@x.example\t${(rnd() * 500).toFixed(2)}\t${rnd() < 0.3 ? "\\N" : "note " + rnd().toString(36)}`);
}
const text = (r: string[]) => Buffer.from(r.map((l) => l + "\n").join(""));
const ids = (data: Buffer, p = SMALL) => chunkBuffer(data, p).map((c) => c.data.toString("base64"));

describe("RowChunker", () => {
  const data = text(rows(20000));

  it("is deterministic and independent of how the stream is split into pieces", () => {
    const a = chunkBuffer(data, SMALL, 8192).map((c) => c.data.length);
    expect(chunkBuffer(data, SMALL, 8192).map((c) => c.data.length)).toEqual(a);
    expect(chunkBuffer(data, SMALL, 777).map((c) => c.data.length)).toEqual(a);
    expect(chunkBuffer(data, SMALL, 1 << 20).map((c) => c.data.length)).toEqual(a);
    expect(a.length).toBeGreaterThan(20);
  });

  it("cuts only after a newline, keeps every byte, counts rows, and respects min/max", () => {
    const chunks = chunkBuffer(data, SMALL, 5000);
    expect(Buffer.concat(chunks.map((c) => c.data)).equals(data)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(20000);
    chunks.forEach((c, i) => {
      expect(c.data[c.data.length - 1]).toBe(0x0a);
      expect(c.data.length).toBeLessThanOrEqual(SMALL.maxSize);
      if (i < chunks.length - 1) expect(c.data.length).toBeGreaterThanOrEqual(SMALL.minSize);
    });
  });

  it("falls back to the last row end at maxSize when no cut point is found", () => {
    const never: ChunkerParams = { ...SMALL, avgSize: 2 ** 52 }; // cut probability ≈ 0
    const chunks = chunkBuffer(data, { ...never, gearSeed: "x" });
    for (const c of chunks.slice(0, -1)) {
      expect(c.data.length).toBeLessThanOrEqual(SMALL.maxSize);
      expect(c.data.length).toBeGreaterThan(SMALL.maxSize - 200);
      expect(c.data[c.data.length - 1]).toBe(0x0a);
    }
  });

  it("an edit in the middle changes only the chunks around it", () => {
    const r = rows(20000);
    const before = ids(text(r));
    r[10000] = r[10000].replace("user", "USER-changed");
    r.splice(10500, 3);
    const after = ids(text(r));
    const same = after.filter((c) => before.includes(c)).length;
    expect(after.length - same).toBeLessThanOrEqual(4);
    expect(before.slice(0, 10)).toEqual(after.slice(0, 10));
    expect(before.slice(-10)).toEqual(after.slice(-10));
  });

  it("averages near 1 MiB with the default parameters and never cuts mid-row", () => {
    const big = text(rows(120000, 7));
    const big3 = Buffer.concat([big, big, big]);
    const chunks = chunkBuffer(big3, DEFAULT_CHUNKER, 65536);
    const avg = big3.length / chunks.length;
    expect(avg).toBeGreaterThan(512 * 1024);
    expect(avg).toBeLessThan(2 * 1024 * 1024);
    for (const c of chunks) expect(c.data[c.data.length - 1]).toBe(0x0a);
  });
});
