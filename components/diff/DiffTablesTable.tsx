"use client";
// Per-table counts of a diff (added / removed / changed rows, which columns changed), each count opening its rows.
import { Badge, tableClass } from "@/components/ui/primitives";
import type { TableDiff } from "@/lib/diff/types";
import type { RowKind } from "./DiffRowsPager";

const KINDS: RowKind[] = ["added", "removed", "changed"];
const COUNT: Record<RowKind, (t: TableDiff) => number> = { added: (t) => t.rowsAdded, removed: (t) => t.rowsRemoved, changed: (t) => t.rowsChanged };
const STATUS_TONE = { added: "good", removed: "bad", changed: "warn", unchanged: "neutral" } as const;

export function DiffTablesTable({ tables, selected, onSelect }: { tables: TableDiff[]; selected: { table: string; kind: RowKind } | null; onSelect: (s: { table: string; kind: RowKind }) => void }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className={tableClass.table} data-testid="diff-tables">
        <thead>
          <tr>
            <th className={tableClass.th}>Table</th>
            <th className={tableClass.th}>Status</th>
            <th className={tableClass.th}>Rows added</th>
            <th className={tableClass.th}>Rows removed</th>
            <th className={tableClass.th}>Rows changed</th>
            <th className={tableClass.th}>Changed columns (rows)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {tables.map((t) => (
            <tr key={t.table} data-testid={`diff-table-${t.table}`}>
              <td className={`${tableClass.td} font-mono text-xs`}>{t.table}</td>
              <td className={tableClass.td}>
                <Badge tone={STATUS_TONE[t.status]}>{t.status === "added" ? "new table" : t.status === "removed" ? "table gone" : t.status}</Badge>
                {t.comparedBy === "multiset" ? <span className="ml-1 text-xs text-slate-500" title="No primary key: rows are matched by their whole content">no key</span> : null}
              </td>
              {KINDS.map((kind) => {
                const n = COUNT[kind](t);
                const active = selected?.table === t.table && selected.kind === kind;
                return (
                  <td key={kind} className={`${tableClass.td} tabular-nums`}>
                    {n === 0 ? (
                      <span className="text-slate-400">0</span>
                    ) : (
                      <button
                        type="button"
                        className={`rounded px-1.5 py-0.5 font-medium underline decoration-dotted ${active ? "bg-brand-100 text-brand-700 dark:bg-slate-800" : "text-brand-600"}`}
                        aria-pressed={active}
                        aria-label={`Show the ${n} ${kind} rows of ${t.table}`}
                        onClick={() => onSelect({ table: t.table, kind })}
                      >
                        {n.toLocaleString("en")}
                      </button>
                    )}
                  </td>
                );
              })}
              <td className={`${tableClass.td} text-xs`}>
                {Object.entries(t.changedColumns).map(([c, n]) => <span key={c} className="mr-2 font-mono">{c} ({n.toLocaleString("en")})</span>)}
                {t.columns ? (
                  <span className="block text-amber-700 dark:text-amber-300">
                    columns {[...t.columns.added.map((c) => `+${c}`), ...t.columns.removed.map((c) => `−${c}`), ...t.columns.retyped.map((c) => `${c.name}: ${c.from} → ${c.to}`)].join(", ")}
                  </span>
                ) : null}
                {t.notes.map((n) => <span key={n} className="block text-slate-500">{n}</span>)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function firstSelection(tables: TableDiff[]): { table: string; kind: RowKind } | null {
  for (const t of tables) for (const kind of ["changed", "added", "removed"] as RowKind[]) if (COUNT[kind](t) > 0) return { table: t.table, kind };
  return null;
}
