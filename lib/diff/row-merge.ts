// Matches the rows of two sorted row streams by key without ever comparing keys for order.
//
// Both snapshots list a table's rows in the same database ORDER BY order, whatever the collation makes of
// it, so keys are only ever tested for equality: each side keeps its unmatched rows in an insertion-ordered
// map; when a row's key turns up among the other side's pending rows, every pending row read before it (on
// either side) sorts before that key and so can no longer be matched: it is removed or added. Memory is
// the unmatched run between two matches, not the table (a column added to every row matches row by row).
// Should the order differ between the snapshots (a collation changed), a row can show as removed + added
// instead of changed; it is never missed.
import { parseRow } from "../codec/copy-text";
import type { ChangedRow, DiffKind, SampleRow, Value } from "./types";

const TAB = 0x09;

/** One snapshot's view of a table: where the key and compared columns sit in its rows. */
export interface Side {
  columns: string[];
  keyIdx: number[];
  /** Compared columns in the same order on both sides. */
  cmpIdx: number[];
  /** The compared columns are the whole row, in order: the row text itself is the comparison text. */
  whole: boolean;
}

export function fieldsOf(row: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = row.indexOf(TAB); i !== -1; i = row.indexOf(TAB, start)) {
    out.push(row.subarray(start, i));
    start = i + 1;
  }
  out.push(row.subarray(start));
  return out;
}

// latin1 maps bytes 1:1 to code units: a cheap, exact identity for canonical text.
const joinFields = (f: Buffer[], idx: number[]) => idx.map((i) => f[i]?.toString("latin1") ?? "").join("\t");
const value = (field: Buffer | undefined): Value => (field === undefined ? null : parseRow(field)[0]);

export function rowKey(side: Side, row: Buffer): string {
  if (side.keyIdx.length === 0) return side.whole ? row.toString("latin1") : joinFields(fieldsOf(row), side.cmpIdx);
  // The usual single leading key column: the text up to the first tab, no split.
  if (side.keyIdx.length === 1 && side.keyIdx[0] === 0) {
    const tab = row.indexOf(TAB);
    return row.toString("latin1", 0, tab === -1 ? row.length : tab);
  }
  return joinFields(fieldsOf(row), side.keyIdx);
}

/** Receives every row difference as it is found (the diff job stores them for paging). */
export type RowSink = (kind: DiffKind, data: SampleRow | ChangedRow) => void;

/** Counts and the bounded samples of one table; with a sink, every difference too. */
export class RowCollector {
  added = 0;
  removed = 0;
  changed = 0;
  changedColumns: Record<string, number> = {};
  samples = { added: [] as SampleRow[], removed: [] as SampleRow[], changed: [] as ChangedRow[] };

  constructor(
    private readonly from: Side,
    private readonly to: Side,
    private readonly compared: string[],
    private readonly limit: number,
    private readonly sink?: RowSink,
  ) {}

  private sample(side: Side, row: Buffer, count: number): SampleRow {
    const f = fieldsOf(row);
    const keyIdx = side.keyIdx.length ? side.keyIdx : side.cmpIdx;
    return {
      key: Object.fromEntries(keyIdx.map((i) => [side.columns[i], value(f[i])])),
      values: Object.fromEntries(side.columns.map((c, i) => [c, value(f[i])])),
      count,
    };
  }

  removedRow(row: Buffer, count: number): void {
    this.removed += count;
    const keep = this.samples.removed.length < this.limit;
    if (!keep && !this.sink) return;
    const s = this.sample(this.from, row, count);
    if (keep) this.samples.removed.push(s);
    this.sink?.("removed", s);
  }

  addedRow(row: Buffer, count: number): void {
    this.added += count;
    const keep = this.samples.added.length < this.limit;
    if (!keep && !this.sink) return;
    const s = this.sample(this.to, row, count);
    if (keep) this.samples.added.push(s);
    this.sink?.("added", s);
  }

  pair(oldRow: Buffer, newRow: Buffer): void {
    if (this.from.whole && this.to.whole && oldRow.equals(newRow)) return;
    const a = fieldsOf(oldRow);
    const b = fieldsOf(newRow);
    const changedAt: number[] = [];
    this.compared.forEach((_, c) => {
      const x = a[this.from.cmpIdx[c]];
      const y = b[this.to.cmpIdx[c]];
      if (!x || !y || !x.equals(y)) changedAt.push(c);
    });
    if (!changedAt.length) return;
    this.changed++;
    for (const c of changedAt) this.changedColumns[this.compared[c]] = (this.changedColumns[this.compared[c]] ?? 0) + 1;
    const keep = this.samples.changed.length < this.limit;
    if (!keep && !this.sink) return;
    const row: ChangedRow = {
      key: Object.fromEntries(this.from.keyIdx.map((i) => [this.from.columns[i], value(a[i])])),
      changes: changedAt.map((c) => ({ column: this.compared[c], from: value(a[this.from.cmpIdx[c]]), to: value(b[this.to.cmpIdx[c]]) })),
    };
    if (keep) this.samples.changed.push(row);
    this.sink?.("changed", row);
  }
}

interface Pending {
  row: Buffer;
  count: number;
}

/** The streaming merge described above; feed rows in each side's order, in any interleaving, then finish(). */
export class RowMerger {
  private readonly old = new Map<string, Pending>();
  private readonly new = new Map<string, Pending>();

  constructor(
    private readonly from: Side,
    private readonly to: Side,
    private readonly out: RowCollector,
    /** False when the two sides may be sorted differently (key or columns changed): match without flushing. */
    private readonly ordered = true,
  ) {}

  /** Which side has unmatched rows: "none" means two byte-equal rows read now are the same unchanged row. */
  get pendingSide(): "none" | "old" | "new" | "both" {
    const o = this.old.size > 0;
    const n = this.new.size > 0;
    return o ? (n ? "both" : "old") : n ? "new" : "none";
  }

  push(isOld: boolean, row: Buffer): void {
    const key = rowKey(isOld ? this.from : this.to, row);
    const mine = isOld ? this.old : this.new;
    const other = isOld ? this.new : this.old;
    const hit = other.get(key);
    if (!hit) {
      const seen = mine.get(key);
      // Only a multiset table repeats a key (an identical row): count it, keep its place.
      if (seen) seen.count++;
      else mine.set(key, { row, count: 1 });
      return;
    }
    if (this.ordered) {
      for (const [k, p] of other) {
        if (k === key) break;
        this.flush(!isOld, p);
        other.delete(k);
      }
      for (const p of mine.values()) this.flush(isOld, p);
      mine.clear();
    }
    if (isOld) this.out.pair(row, hit.row);
    else this.out.pair(hit.row, row);
    if (--hit.count === 0) other.delete(key);
  }

  finish(): void {
    for (const p of this.old.values()) this.flush(true, p);
    for (const p of this.new.values()) this.flush(false, p);
    this.old.clear();
    this.new.clear();
  }

  private flush(isOld: boolean, p: Pending): void {
    if (isOld) this.out.removedRow(p.row, p.count);
    else this.out.addedRow(p.row, p.count);
  }
}
