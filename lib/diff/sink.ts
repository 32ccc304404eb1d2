// A DiffSink that numbers every row difference per table and kind, keeps at most `cap` of each, and hands them
// to `write` in batches: the diff job stores them so the UI pages through them (keyset on seq) without recomputing.
import type { ChangedRow, DiffKind, DiffSink, SampleRow } from "./types";

export interface NumberedRow {
  table: string;
  kind: DiffKind;
  /** 1, 2, 3… per table and kind, in the order found (the table's key order). */
  seq: number;
  data: SampleRow | ChangedRow;
}

export const DEFAULT_ROW_CAP = 100_000;

export class BatchSink implements DiffSink {
  private readonly counts = new Map<string, number>();
  private buffer: NumberedRow[] = [];
  /** "table kind" pairs that had more differences than the cap: their first `cap` rows are stored. */
  readonly capped = new Set<string>();

  constructor(
    private readonly write: (rows: NumberedRow[]) => Promise<void>,
    readonly cap = DEFAULT_ROW_CAP,
    private readonly batchSize = 1000,
  ) {}

  row(table: string, kind: DiffKind, data: SampleRow | ChangedRow): void {
    const k = `${table}\0${kind}`;
    const n = this.counts.get(k) ?? 0;
    if (n >= this.cap) {
      this.capped.add(k);
      return;
    }
    this.counts.set(k, n + 1);
    this.buffer.push({ table, kind, seq: n + 1, data });
  }

  wants(table: string, kind: DiffKind): boolean {
    return (this.counts.get(`${table}\0${kind}`) ?? 0) < this.cap;
  }

  /** Stored rows per table and kind. */
  stored(table: string, kind: DiffKind): number {
    return this.counts.get(`${table}\0${kind}`) ?? 0;
  }

  cappedList(): { table: string; kind: DiffKind }[] {
    return [...this.capped].map((k) => {
      const [table, kind] = k.split("\0");
      return { table, kind: kind as DiffKind };
    });
  }

  async flush(): Promise<void> {
    if (this.buffer.length >= this.batchSize) await this.end();
  }

  /** Writes whatever is buffered. */
  async end(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.slice(0, this.batchSize);
      this.buffer = this.buffer.slice(this.batchSize);
      await this.write(batch);
    }
  }
}
