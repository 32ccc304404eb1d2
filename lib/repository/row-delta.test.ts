// Row deltas: round trips for updates, deletes, inserts, and resynchronisation.
import { describe, expect, it } from "vitest";
import { applyRowDelta, encodeRowDelta, equalRowsPrefix } from "./row-delta";

const rows = (n: number, f = (i: number) => `${i}\tvalue ${i}\t${(i * 7) % 13}`) => Array.from({ length: n }, (_, i) => f(i));
const text = (r: string[]) => Buffer.from(r.map((x) => x + "\n").join(""));

describe("row delta", () => {
  it("round-trips updates, deletes (also consecutive), inserts and appends, and stays small", () => {
    const base = rows(5000);
    const next = [...base];
    next[10] = "10\tchanged";
    next.splice(100, 3);
    next.splice(2000, 0, "new row a", "new row b");
    next[4000] = next[4000] + "x";
    next.push("appended");
    const delta = encodeRowDelta(text(base), text(next), 10_000)!;
    expect(applyRowDelta(text(base), delta).equals(text(next))).toBe(true);
    expect(delta.length).toBeLessThan(200);
  });

  it("finds where the chunk starts inside concatenated bases and resyncs after long runs of deletions", () => {
    const base = rows(6000);
    const next = base.slice(2500, 5000);
    next.splice(100, 40);
    next[1000] = "changed";
    const delta = encodeRowDelta(text(base), text(next), 5000)!;
    expect(applyRowDelta(text(base), delta).equals(text(next))).toBe(true);
    expect(delta.length).toBeLessThan(100);
  });

  it("handles identical, empty, unterminated and wholly different inputs", () => {
    const b = text(rows(100));
    expect(applyRowDelta(b, encodeRowDelta(b, b, 0)!).equals(b)).toBe(true);
    const empty = Buffer.alloc(0);
    expect(applyRowDelta(b, encodeRowDelta(b, empty, 0)!).length).toBe(0);
    const tail = Buffer.concat([b, Buffer.from("no newline")]);
    expect(applyRowDelta(b, encodeRowDelta(b, tail, 100)!).equals(tail)).toBe(true);
    const other = text(rows(100, (i) => `other ${i}`));
    expect(encodeRowDelta(b, other, other.length / 8)).toBeNull();
  });

  it("skips runs of equal rows only up to the last row both hold whole", () => {
    const a = Buffer.from("1\tx\n2\ty\n3\tzzz\n");
    expect(equalRowsPrefix(a, 0, a, 0)).toBe(a.length);
    expect(equalRowsPrefix(Buffer.from("1\tx\n2\ty\n3\tzzq\n"), 0, a, 0)).toBe(8); // differs inside row 3
    expect(equalRowsPrefix(Buffer.from("1\tx\n2\ty\n"), 0, a, 0)).toBe(8); // next ends at a row end
    expect(equalRowsPrefix(Buffer.from("1\tx\n2\ty\n3\tz"), 0, a, 0)).toBe(8); // next ends inside a row of base
    expect(equalRowsPrefix(a, 0, Buffer.from("1\tx\n2"), 0)).toBe(4); // base ends inside a row
    expect(equalRowsPrefix(Buffer.from("9\tx\n"), 0, a, 0)).toBe(0);
    expect(equalRowsPrefix(a, 4, Buffer.from("0\tq\n2\ty\n3\tzzz\n"), 4)).toBe(a.length - 4);
    // Past one compare block, with the difference at every position of a long row.
    const long = text(rows(3000));
    for (const at of [0, 1, 17, 16 * 1024 - 1, 16 * 1024, 40_000, long.length - 2]) {
      const changed = Buffer.from(long);
      changed[at] = changed[at] === 0x41 ? 0x42 : 0x41;
      const got = equalRowsPrefix(changed, 0, long, 0);
      const rowStart = at === 0 ? 0 : long.lastIndexOf(10, at - 1) + 1;
      expect(got).toBe(rowStart);
    }
  });

  it("writes the same delta as a row-by-row walk would for scattered edits in a large chunk", () => {
    const base = rows(20_000);
    const next = [...base];
    for (let k = 50; k < 20_000; k += 297) next[k] = `${k}\tupdated ${k}`;
    next.splice(7000, 5);
    next.splice(12_000, 0, "12000.5\tinserted");
    const delta = encodeRowDelta(text(base), text(next), 100_000)!;
    expect(applyRowDelta(text(base), delta).equals(text(next))).toBe(true);
    // 67 updated rows and one insert: each costs its literal bytes and a few op bytes, nothing else.
    const literal = next.filter((r) => r.includes("updated") || r.includes("inserted")).reduce((n, r) => n + r.length + 1, 0);
    expect(delta.length).toBeLessThan(literal + 68 * 12);
  });
});
