// Weekly backup success per source: one row per source, one column per ISO week, each cell the rate and its counts.
import { shortDay } from "@/components/charts/axes";
import { tableClass } from "@/components/ui/primitives";
import { successRate, type WeeklySuccess } from "@/lib/db/reports";

function cellTone(rate: number | null): string {
  if (rate === null) return "text-slate-400";
  if (rate >= 0.99) return "text-emerald-800 dark:text-emerald-300";
  if (rate >= 0.9) return "text-amber-800 dark:text-amber-300";
  return "bg-rose-50 font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-300";
}

export function SuccessTable({ rows, weeks, sources }: { rows: WeeklySuccess[]; weeks: string[]; sources: { id: string; name: string }[] }) {
  const cell = new Map(rows.map((r) => [`${r.sourceId}|${r.week}`, r]));
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className={tableClass.table} data-testid="success-table">
        <caption className="sr-only">Backup success rate per source and week (week starting Monday, UTC)</caption>
        <thead>
          <tr>
            <th scope="col" className={tableClass.th}>Source</th>
            {weeks.map((w, i) => <th key={w} scope="col" className={`${tableClass.th} whitespace-nowrap text-right`}>{i === 0 ? "this week" : `wk of ${shortDay(w)}`}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {sources.map((s) => (
            <tr key={s.id}>
              <th scope="row" className={`${tableClass.td} text-left font-medium`}>{s.name}</th>
              {weeks.map((w) => {
                const r = cell.get(`${s.id}|${w}`);
                const rate = r ? successRate(r) : null;
                return (
                  <td key={w} className={`${tableClass.td} text-right tabular-nums ${cellTone(rate)}`}>
                    {r ? (
                      <>
                        <div>{rate === null ? "—" : `${Math.round(rate * 1000) / 10} %`}</div>
                        <div className="text-[11px] font-normal text-slate-500">{r.succeeded}/{r.succeeded + r.failed}{r.cancelled ? ` +${r.cancelled} cancelled` : ""}</div>
                      </>
                    ) : <span className="text-slate-400">—<span className="sr-only">no backups</span></span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
