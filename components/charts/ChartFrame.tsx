// A chart's frame: title, one-line description, the chart itself (hidden from screen readers and out of the tab
// order), a readable empty state, and the same data as a visually hidden table for screen readers.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/primitives";

export interface ChartTable {
  caption: string;
  headers: string[];
  rows: (string | number)[][];
}

export function ChartFrame({ title, description, empty, emptyText, table, testId, children }: {
  title: string;
  description: ReactNode;
  empty: boolean;
  emptyText: ReactNode;
  table: ChartTable;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <figure data-testid={testId} aria-labelledby={`${testId}-title`}>
        <figcaption>
          <h2 id={`${testId}-title`} className="text-sm font-semibold text-slate-700 dark:text-slate-300">{title}</h2>
          <p className="mt-0.5 text-xs text-slate-500">{description}</p>
        </figcaption>
        {empty ? (
          <div className="mt-3 flex h-56 items-center justify-center rounded-md border border-dashed border-slate-300 px-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            <p>{emptyText}</p>
          </div>
        ) : (
          <>
            <div className="mt-3 h-56" aria-hidden="true">{children}</div>
            <table className="sr-only">
              <caption>{table.caption}</caption>
              <thead><tr>{table.headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
              <tbody>
                {table.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{c}</td>)}</tr>)}
              </tbody>
            </table>
          </>
        )}
      </figure>
    </Card>
  );
}
