// Diffs one table between two snapshots, reading only the chunks that differ (see the fast path below).
//
// Fast path: a snapshot's rows are sorted by primary key and cut into content-defined chunks at row
// boundaries, so a chunk id present in both chunk lists is the same rows in both. The two lists are
// aligned with a longest common subsequence of ids (Myers; cheap, ids are short); aligned chunks are
// skipped unread. Rows of a key sit between the same aligned chunks on both sides, so each gap ("hunk":
// old chunks i..j against new chunks k..l) is merged on its own by RowMerger, which needs only key
// equality, never key order. A multiset table (no key) gains nothing from alignment but loses nothing
// either: aligned chunks hold the same rows on both sides.
import { tableKey, type ColumnInfo } from "../engine/types";
import type { ChunkRef, TableManifest } from "../repository/manifest";
import type { Repository } from "../repository/repository";
import { deltaHunk } from "./delta-hunk";
import { commonPairs } from "./myers";
import { mergeToEnd, RowCursor } from "./row-cursor";
import { RowCollector, RowMerger, type RowSink, type Side } from "./row-merge";
import type { ColumnChanges, DiffOptions, TableDiff } from "./types";

/** Chunk plaintexts of a snapshot table, read `ahead` chunks in advance but never past `limit`. */
export class ChunkPuller {
  next: number;
  limit: number;
  read = 0;
  private readonly queue: Promise<Buffer>[] = [];
  private queued: number;

  constructor(
    private readonly repo: Repository,
    private readonly chunks: ChunkRef[],
    private readonly ctx: { snapshot: string; table: string },
    from = 0,
    to = chunks.length,
    private readonly ahead = 3,
  ) {
    this.next = this.queued = from;
    this.limit = to;
  }

  private top(): void {
    while (this.queue.length < this.ahead && this.queued < this.limit) {
      // The AAD binds each sealed chunk to its id, so GCM already proves the content; re-hashing it would double the cost of a diff.
      const p = this.repo.readChunkWithDepth(this.chunks[this.queued++].id, this.ctx, false).then((c) => c.plain);
      p.catch(() => {}); // observed on its turn
      this.queue.push(p);
    }
  }

  pull = async (): Promise<Buffer | null> => {
    this.top();
    const p = this.queue.shift();
    if (!p) return null;
    this.next++;
    this.read++;
    const plain = await p;
    this.top();
    return plain;
  };
}

export const stored = (cols: ColumnInfo[]) => cols.filter((c) => !c.generated);

export function columnChanges(a: ColumnInfo[], b: ColumnInfo[]): ColumnChanges | undefined {
  const byName = new Map(a.map((c) => [c.name, c]));
  const names = new Set(b.map((c) => c.name));
  const changes: ColumnChanges = {
    added: b.filter((c) => !byName.has(c.name)).map((c) => c.name),
    removed: a.filter((c) => !names.has(c.name)).map((c) => c.name),
    retyped: b.flatMap((c) => {
      const old = byName.get(c.name);
      return old && old.type !== c.type ? [{ name: c.name, from: old.type, to: c.type }] : [];
    }),
  };
  const same = a.length === b.length && a.every((c, i) => c.name === b[i].name && c.type === b[i].type && !c.generated === !b[i].generated);
  return same ? undefined : changes;
}

interface TableSide {
  columns: ColumnInfo[];
  keyColumns: string[];
}

export function emptyDiff(table: string, t: TableSide, status: TableDiff["status"], other?: TableSide): TableDiff {
  return {
    table,
    status,
    comparedBy: t.keyColumns.length ? "key" : "multiset",
    keyColumns: t.keyColumns,
    columnTypes: Object.fromEntries([...(other?.columns ?? []), ...t.columns].map((c) => [c.name, c.type])),
    rowsAdded: 0,
    rowsRemoved: 0,
    rowsChanged: 0,
    changedColumns: {},
    notes: [],
    samples: { added: [], removed: [], changed: [] },
    chunksRead: 0,
    chunksSkipped: 0,
  };
}

export function wholeSide(t: TableSide): Side {
  const cols = stored(t.columns).map((c) => c.name);
  return { columns: cols, keyIdx: t.keyColumns.map((k) => cols.indexOf(k)), cmpIdx: cols.map((_, i) => i), whole: true };
}

/** The sink for one table, or undefined. */
export function tableSink(options: DiffOptions, table: string): RowSink | undefined {
  const sink = options.sink;
  return sink ? (kind, data) => sink.row(table, kind, data) : undefined;
}

/** How two versions of a table are compared: shared columns, a shared key or a multiset, and the collector. */
export function plan(a: TableSide, b: TableSide, d: TableDiff, limit: number, sink?: RowSink) {
  const colsA = stored(a.columns).map((c) => c.name);
  const colsB = stored(b.columns).map((c) => c.name);
  const compared = colsA.filter((c) => colsB.includes(c));
  const columns = columnChanges(a.columns, b.columns);
  if (columns) {
    d.columns = columns;
    d.comparedColumns = compared;
    d.notes.push(`Columns changed: rows compared on the ${compared.length} columns both sides have.`);
  }
  // A key both sides can read; otherwise fall back to counting whole (compared) rows.
  const sameKey = a.keyColumns.join("\0") === b.keyColumns.join("\0") && a.keyColumns.every((k) => compared.includes(k));
  const keyColumns = sameKey ? a.keyColumns : [];
  if (!sameKey && (a.keyColumns.length || b.keyColumns.length)) d.notes.push("The primary key changed: rows compared as a multiset.");
  d.keyColumns = keyColumns;
  d.comparedBy = keyColumns.length ? "key" : "multiset";
  const side = (cols: string[]): Side => {
    const cmpIdx = compared.map((c) => cols.indexOf(c));
    return { columns: cols, keyIdx: keyColumns.map((k) => cols.indexOf(k)), cmpIdx, whole: cmpIdx.length === cols.length && cmpIdx.every((x, i) => x === i) };
  };
  const sa = side(colsA);
  const sb = side(colsB);
  const out = new RowCollector(sa, sb, compared, limit, sink);
  // Without a shared key, rows are ordered by every column: the same order only if the columns are the same.
  const ordered = keyColumns.length > 0 || (!columns && sameKey);
  return { sa, sb, out, ordered, fast: sa.whole && sb.whole };
}

export function finishDiff(d: TableDiff, out: RowCollector): TableDiff {
  d.rowsAdded = out.added;
  d.rowsRemoved = out.removed;
  d.rowsChanged = out.changed;
  d.changedColumns = out.changedColumns;
  d.samples = out.samples;
  if (d.columns || d.rowsAdded || d.rowsRemoved || d.rowsChanged) d.status = "changed";
  return d;
}

/** One side present only: every row added (or removed); rows read only for samples and the sink. */
async function oneSided(repo: Repository, snapshot: string, t: TableManifest, added: boolean, limit: number, options: DiffOptions): Promise<TableDiff> {
  const name = tableKey(t.ref);
  const d = emptyDiff(name, t, added ? "added" : "removed");
  const side = wholeSide(t);
  const kind = added ? "added" : "removed";
  const out = new RowCollector(side, side, side.columns, limit, tableSink(options, name));
  const wanted = () => out.samples[kind].length < limit || (options.sink?.wants(name, kind) ?? false);
  const puller = new ChunkPuller(repo, t.chunks, { snapshot, table: name }, 0, t.chunks.length, 1);
  const cursor = new RowCursor(puller.pull);
  while (wanted() && (await cursor.fill())) {
    options.signal?.throwIfAborted();
    while (cursor.has) {
      if (added) out.addedRow(cursor.take(), 1);
      else out.removedRow(cursor.take(), 1);
    }
    await options.sink?.flush();
  }
  d.samples = out.samples;
  if (added) d.rowsAdded = t.rows;
  else d.rowsRemoved = t.rows;
  d.chunksRead = puller.read;
  d.chunksSkipped = t.chunks.length - puller.read;
  return d;
}

export async function diffTable(
  repo: Repository,
  ids: { from: string; to: string },
  a: TableManifest | undefined,
  b: TableManifest | undefined,
  options: DiffOptions = {},
): Promise<TableDiff> {
  const limit = options.sampleSize ?? 20;
  if (!a) return oneSided(repo, ids.to, b!, true, limit, options);
  if (!b) return oneSided(repo, ids.from, a, false, limit, options);
  const name = tableKey(b.ref);
  const d = emptyDiff(name, b, "unchanged", a);
  const { sa, sb, out, ordered, fast } = plan(a, b, d, limit, tableSink(options, name));
  const ctxA = { snapshot: ids.from, table: name };
  const ctxB = { snapshot: ids.to, table: name };
  const between = async () => {
    options.signal?.throwIfAborted();
    await options.sink?.flush();
  };

  const pairs = commonPairs(
    a.chunks.map((c) => c.id),
    b.chunks.map((c) => c.id),
  );
  d.chunksSkipped = pairs.length * 2;
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.chunks.length, b.chunks.length] as [number, number]]) {
    if (pi > i || pj > j) {
      const merger = new RowMerger(sa, sb, out, ordered);
      const delta = await deltaHunk(repo, a.chunks.slice(i, pi), b.chunks.slice(j, pj), ctxA, ctxB);
      if (delta) {
        await mergeToEnd(new RowCursor(delta.oldPull), new RowCursor(delta.newPull), merger, fast, between);
        d.chunksRead += delta.counter.read;
        d.chunksSkipped += delta.counter.skipped;
      } else {
        const left = new ChunkPuller(repo, a.chunks, ctxA, i, pi);
        const right = new ChunkPuller(repo, b.chunks, ctxB, j, pj);
        await mergeToEnd(new RowCursor(left.pull), new RowCursor(right.pull), merger, fast, between);
        d.chunksRead += left.read + right.read;
      }
    }
    i = pi + 1;
    j = pj + 1;
  }
  return finishDiff(d, out);
}
