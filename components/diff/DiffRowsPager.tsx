"use client";
// Pages through one table's added, removed or changed rows of a diff job (keyset "next page" over GET /api/jobs/[id]/diff).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, tableClass } from "@/components/ui/primitives";
import type { DisplayValue } from "@/lib/diff/display";
import { DiffValue } from "./DiffValue";

export type RowKind = "added" | "removed" | "changed";
const PAGE = 25;

type Shown = Record<string, DisplayValue>;
interface DiffRowView {
  seq: number;
  key: Shown;
  values?: Shown;
  count?: number;
  changes?: { column: string; from: DisplayValue; to: DisplayValue }[];
}
interface Page {
  rows: DiffRowView[];
  nextAfter: number | null;
}

async function fetchRows(jobId: string, params: Record<string, string>): Promise<Page> {
  const res = await fetch(`/api/jobs/${jobId}/diff?${new URLSearchParams(params)}`, { cache: "no-store" });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
  return res.json();
}

export function DiffRowsPager({ jobId, table, kind, keyColumns }: { jobId: string; table: string; kind: RowKind; keyColumns: string[] }) {
  // Cursors of the pages seen so far: 0 is the first page.
  const [cursors, setCursors] = useState<number[]>([0]);
  // Rows fetched again with every value whole ("show full").
  const [full, setFull] = useState<Map<number, DiffRowView>>(new Map());
  const [fullError, setFullError] = useState<string | null>(null);
  const after = cursors[cursors.length - 1];
  const { data, error, isFetching } = useQuery<Page>({
    queryKey: ["diff-rows", jobId, table, kind, after],
    queryFn: () => fetchRows(jobId, { table, kind, limit: String(PAGE), after: String(after) }),
  });
  if (error) return <p role="alert" className="text-sm text-rose-700">Cannot load the rows: {error.message}</p>;
  if (!data) return <p className="text-sm text-slate-500">Loading rows…</p>;
  if (!data.rows.length) return <p className="text-sm text-slate-500">No {kind} rows in {table}.</p>;

  const showFull = (seq: number) => async () => {
    setFullError(null);
    try {
      const r = await fetchRows(jobId, { table, kind, full: "1", seq: String(seq) });
      if (r.rows[0]) setFull((m) => new Map(m).set(seq, r.rows[0]));
    } catch (e) {
      setFullError((e as Error).message);
    }
  };
  const rows = data.rows.map((r) => full.get(r.seq) ?? r);
  const page = cursors.length;
  return (
    <div>
      {kind === "changed" ? <ChangedRows rows={rows} keyColumns={keyColumns} showFull={showFull} /> : <SampleRows rows={rows} kind={kind} showFull={showFull} />}
      {fullError ? <p role="alert" className="mt-1 text-sm text-rose-700">Cannot load the full value: {fullError}</p> : null}
      <div className="mt-2 flex items-center gap-2 text-sm">
        <button type="button" className={buttonClass.secondary} disabled={page === 1 || isFetching} onClick={() => setCursors([0])}>First page</button>
        <button type="button" className={buttonClass.secondary} disabled={data.nextAfter == null || isFetching} onClick={() => setCursors([...cursors, data.nextAfter ?? 0])}>Next page</button>
        <span className="text-slate-500">page {page} · {PAGE} rows a page{isFetching ? " · loading…" : ""}</span>
      </div>
    </div>
  );
}

type ShowFull = (seq: number) => () => void;

function ChangedRows({ rows, keyColumns, showFull }: { rows: DiffRowView[]; keyColumns: string[]; showFull: ShowFull }) {
  const keys = keyColumns.length ? keyColumns : Object.keys(rows[0]?.key ?? {});
  const changed = [...new Set(rows.flatMap((r) => (r.changes ?? []).map((c) => c.column)))];
  return (
    <div className="overflow-x-auto">
      <table className={tableClass.table} data-testid="changed-rows">
        <caption className="sr-only">Changed rows: key columns, then each changed column as old → new</caption>
        <thead>
          <tr>
            {keys.map((k) => <th key={`k-${k}`} className={tableClass.th}>{k} <span className="normal-case text-slate-400">(key)</span></th>)}
            {changed.map((c) => <th key={`c-${c}`} className={tableClass.th}>{c}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-xs dark:divide-slate-800">
          {rows.map((r) => {
            const byColumn = new Map((r.changes ?? []).map((c) => [c.column, c]));
            return (
              <tr key={r.seq}>
                {keys.map((k) => <td key={k} className={tableClass.td}><DiffValue value={r.key[k]} /></td>)}
                {changed.map((c) => {
                  const ch = byColumn.get(c);
                  if (!ch) return <td key={c} className={`${tableClass.td} font-sans text-slate-400`}>unchanged</td>;
                  return (
                    <td key={c} className={`${tableClass.td} bg-amber-50 dark:bg-amber-950/40`} data-changed-column={c}>
                      <span className="text-rose-800 line-through decoration-rose-400 dark:text-rose-300"><DiffValue value={ch.from} onShowFull={showFull(r.seq)} /></span>
                      <span aria-label="changed to" className="mx-1 font-sans text-slate-500">→</span>
                      <span className="font-semibold text-emerald-800 dark:text-emerald-300"><DiffValue value={ch.to} onShowFull={showFull(r.seq)} /></span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function SampleRows({ rows, kind, showFull }: { rows: DiffRowView[]; kind: "added" | "removed"; showFull: ShowFull }) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.values ?? r.key)))];
  const showCount = rows.some((r) => (r.count ?? 1) > 1);
  const tone = kind === "added" ? "bg-emerald-50/60 dark:bg-emerald-950/30" : "bg-rose-50/60 dark:bg-rose-950/30";
  return (
    <div className="overflow-x-auto">
      <table className={tableClass.table} data-testid={`${kind}-rows`}>
        <caption className="sr-only">{kind === "added" ? "Rows only on the newer side" : "Rows only on the older side"}</caption>
        <thead>
          <tr>
            <th className={tableClass.th}><span className="sr-only">Change</span></th>
            {columns.map((c) => <th key={c} className={tableClass.th}>{c}</th>)}
            {showCount ? <th className={tableClass.th}>copies</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-xs dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.seq} className={tone}>
              <td className={`${tableClass.td} font-sans font-semibold`}>{kind === "added" ? "+" : "−"}</td>
              {columns.map((c) => <td key={c} className={tableClass.td}><DiffValue value={(r.values ?? r.key)[c]} onShowFull={showFull(r.seq)} /></td>)}
              {showCount ? <td className={tableClass.td}>{r.count}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
