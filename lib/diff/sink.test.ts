// BatchSink numbers rows per table and kind, writes them in batches, and stops at its cap while saying so.
import { describe, expect, it } from "vitest";
import { BatchSink, type NumberedRow } from "./sink";

const row = (id: number) => ({ key: { id: String(id) }, values: { id: String(id) }, count: 1 });

describe("BatchSink", () => {
  it("numbers rows per table and kind from 1, in batches no bigger than asked", async () => {
    const batches: NumberedRow[][] = [];
    const sink = new BatchSink(async (rows) => void batches.push(rows), 100, 3);
    for (let i = 0; i < 5; i++) sink.row("t", "added", row(i));
    sink.row("t", "removed", row(9));
    sink.row("u", "added", row(1));
    await sink.flush();
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
    await sink.end();
    const all = batches.flat();
    expect(all.filter((r) => r.table === "t" && r.kind === "added").map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.find((r) => r.kind === "removed")?.seq).toBe(1);
    expect(all.find((r) => r.table === "u")?.seq).toBe(1);
  });

  it("keeps the first `cap` rows of a table and kind and reports which ones were capped", async () => {
    const stored: NumberedRow[] = [];
    const sink = new BatchSink(async (rows) => void stored.push(...rows), 2, 10);
    for (let i = 0; i < 4; i++) sink.row("t", "changed", { key: { id: String(i) }, changes: [] });
    sink.row("t", "added", row(1));
    expect(sink.wants("t", "changed")).toBe(false);
    expect(sink.wants("t", "added")).toBe(true);
    await sink.end();
    expect(stored.filter((r) => r.kind === "changed").map((r) => r.seq)).toEqual([1, 2]);
    expect(sink.cappedList()).toEqual([{ table: "t", kind: "changed" }]);
  });
});
