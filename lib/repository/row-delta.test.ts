// Row deltas: round trips for updates, deletes, inserts, and resynchronisation.
import { describe, expect, it } from "vitest";
import { applyRowDelta, encodeRowDelta } from "./row-delta";

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
});
