// RowMerger relies on key equality only: any sort order shared by both sides gives the right answer.
import { describe, expect, it } from "vitest";
import { RowCollector, RowMerger, type Side } from "./row-merge";

const side: Side = { columns: ["k", "v"], keyIdx: [0], cmpIdx: [0, 1], whole: true };

function merge(from: string[], to: string[]) {
  const out = new RowCollector(side, side, ["k", "v"], 10);
  const m = new RowMerger(side, side, out);
  const rows = (xs: string[]) => xs.map((x) => Buffer.from(x));
  const [a, b] = [rows(from), rows(to)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) m.push(true, a[i]);
    if (i < b.length) m.push(false, b[i]);
  }
  m.finish();
  return out;
}

describe("RowMerger", () => {
  it("matches keys in a collation order that is not byte order (case-insensitive: a < B < c)", () => {
    const out = merge(["a\t1", "B\t2", "c\t3", "d\t4"], ["B\t2x", "c\t3", "D\t9", "d\t4"]);
    expect([out.added, out.removed, out.changed]).toEqual([1, 1, 1]);
    expect(out.samples.removed[0].key).toEqual({ k: "a" });
    expect(out.samples.added[0].key).toEqual({ k: "D" });
    expect(out.samples.changed[0]).toEqual({ key: { k: "B" }, changes: [{ column: "v", from: "2", to: "2x" }] });
  });

  it("handles a long insert run on one side before the rows match again", () => {
    const old = Array.from({ length: 50 }, (_, i) => `k${100 + i}\tv`);
    const inserted = Array.from({ length: 500 }, (_, i) => `j${1000 + i}\tnew`);
    const out = merge(old, [...inserted, ...old]);
    expect([out.added, out.removed, out.changed]).toEqual([500, 0, 0]);
  });
});
