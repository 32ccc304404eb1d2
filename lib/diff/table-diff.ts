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
import { commonPairs } from "./myers";
import { RowCollector, RowMerger, type Side } from "./row-merge";
import type { ColumnChanges, DiffOptions, TableDiff } from "./types";

const LF = 0x0a;

/** Rows (without LF) of a run of chunks, one chunk read ahead. */
async function* chunkRows(repo: Repository, chunks: ChunkRef[], ctx: { snapshot: string; table: string }, counter: { read: number }) {
  let next = chunks.length ? repo.readChunk(chunks[0].id, ctx) : null;
  for (let i = 0; i < chunks.length; i++) {
    const plain = await next!;
    counter.read++;
    next = i + 1 < chunks.length ? repo.readChunk(chunks[i + 1].id, ctx) : null;
    next?.catch(() => {}); // observed on its turn
    let start = 0;
    for (let e = plain.indexOf(LF); e !== -1; e = plain.indexOf(LF, start)) {
      yield plain.subarray(start, e);
      start = e + 1;
    }
  }
}

const stored = (cols: ColumnInfo[]) => cols.filter((c) => !c.generated);

function columnChanges(a: ColumnInfo[], b: ColumnInfo[]): ColumnChanges | undefined {
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

function emptyDiff(t: TableManifest, status: TableDiff["status"]): TableDiff {
  return {
    table: tableKey(t.ref),
    status,
    comparedBy: t.keyColumns.length ? "key" : "multiset",
    keyColumns: t.keyColumns,
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

/** One side present only: every row added (or removed); samples read from the first chunks only. */
async function oneSided(repo: Repository, snapshot: string, t: TableManifest, added: boolean, limit: number): Promise<TableDiff> {
  const d = emptyDiff(t, added ? "added" : "removed");
  const cols = stored(t.columns).map((c) => c.name);
  const side: Side = { columns: cols, keyIdx: t.keyColumns.map((k) => cols.indexOf(k)), cmpIdx: cols.map((_, i) => i), whole: true };
  const out = new RowCollector(side, side, cols, limit);
  const counter = { read: 0 };
  if (limit > 0) {
    for await (const row of chunkRows(repo, t.chunks, { snapshot, table: d.table }, counter)) {
      if (added) out.addedRow(row, 1);
      else out.removedRow(row, 1);
      if (out.samples.added.length + out.samples.removed.length >= limit) break;
    }
  }
  d.samples = out.samples;
  if (added) d.rowsAdded = t.rows;
  else d.rowsRemoved = t.rows;
  d.chunksRead = counter.read;
  d.chunksSkipped = t.chunks.length - counter.read;
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
  if (!a) return oneSided(repo, ids.to, b!, true, limit);
  if (!b) return oneSided(repo, ids.from, a, false, limit);
  const d = emptyDiff(b, "unchanged");
  const colsA = stored(a.columns).map((c) => c.name);
  const colsB = stored(b.columns).map((c) => c.name);
  const compared = colsA.filter((c) => colsB.includes(c));
  const columns = columnChanges(a.columns, b.columns);
  if (columns) {
    d.columns = columns;
    d.comparedColumns = compared;
    d.notes.push(`Columns changed: rows compared on the ${compared.length} columns both snapshots have.`);
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
  const out = new RowCollector(sa, sb, compared, limit);
  // Without a shared key, rows are ordered by every column: the same order only if the columns are the same.
  const ordered = keyColumns.length > 0 || (!columns && sameKey);
  const counter = { read: 0 };
  const ctxA = { snapshot: ids.from, table: d.table };
  const ctxB = { snapshot: ids.to, table: d.table };

  const pairs = commonPairs(
    a.chunks.map((c) => c.id),
    b.chunks.map((c) => c.id),
  );
  d.chunksSkipped = pairs.length * 2;
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.chunks.length, b.chunks.length] as [number, number]]) {
    if (pi > i || pj > j) {
      options.signal?.throwIfAborted();
      const merger = new RowMerger(sa, sb, out, ordered);
      const left = chunkRows(repo, a.chunks.slice(i, pi), ctxA, counter);
      const right = chunkRows(repo, b.chunks.slice(j, pj), ctxB, counter);
      // Lockstep, so a matched row is found within the unmatched run, whichever side it is on.
      let l = await left.next();
      let r = await right.next();
      while (!l.done || !r.done) {
        if (!l.done) {
          merger.push(true, l.value);
          l = await left.next();
        }
        if (!r.done) {
          merger.push(false, r.value);
          r = await right.next();
        }
      }
      merger.finish();
    }
    i = pi + 1;
    j = pj + 1;
  }
  d.rowsAdded = out.added;
  d.rowsRemoved = out.removed;
  d.rowsChanged = out.changed;
  d.changedColumns = out.changedColumns;
  d.samples = out.samples;
  d.chunksRead = counter.read;
  if (columns || d.rowsAdded || d.rowsRemoved || d.rowsChanged) d.status = "changed";
  return d;
}
