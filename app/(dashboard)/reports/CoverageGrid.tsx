// Retention coverage of one source: a calendar of the last 90 days (weeks across, weekdays down) with the number of
// restore points in every cell, so the shading is never the only signal. A real table, read row by row by screen readers.
import { shortDay } from "@/components/charts/axes";
import type { CoverageRow } from "@/lib/db/reports";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export function shade(n: number | null): string {
  if (n === null) return "text-slate-300 dark:text-slate-700";
  if (n === 0) return "bg-rose-50 text-rose-700 border border-dashed border-rose-300 dark:bg-rose-950 dark:text-rose-300 dark:border-rose-800";
  if (n === 1) return "bg-brand-100 text-brand-700";
  if (n <= 3) return "bg-brand-500 text-white";
  return "bg-brand-700 text-white";
}

/** Days as weeks (columns, Monday first) of weekday rows; null pads before the first and after the last day. */
function calendar(days: string[]): (number | null)[][] {
  const firstWeekday = (new Date(`${days[0]}T00:00:00Z`).getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [...Array(firstWeekday).fill(null), ...days.map((_, i) => i)];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** Days covered, restore points and the longest run of days without one, counting only days since registration. */
export function coverageSummary(counts: (number | null)[]) {
  const known = counts.filter((n): n is number => n !== null);
  let longestGap = 0;
  let gap = 0;
  for (const n of known) {
    gap = n ? 0 : gap + 1;
    longestGap = Math.max(longestGap, gap);
  }
  return { days: known.length, covered: known.filter((n) => n > 0).length, points: known.reduce((a, b) => a + b, 0), longestGap };
}


export function CoverageGrid({ row, days }: { row: CoverageRow; days: string[] }) {
  const weeks = calendar(days);
  const { days: known, covered, points, longestGap } = coverageSummary(row.counts);
  return (
    <div className="min-w-0" data-testid={`coverage-${row.sourceName}`}>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        <strong className="font-semibold text-slate-800 dark:text-slate-200">{covered} of {known} day{known === 1 ? "" : "s"}</strong>{known < days.length ? " since it was registered" : ""} {covered === 1 ? "has" : "have"} a restore point · {points} restore point{points === 1 ? "" : "s"}
        {longestGap ? <> · longest gap <strong className={longestGap > 1 ? "font-semibold text-rose-700 dark:text-rose-300" : ""}>{longestGap} day{longestGap > 1 ? "s" : ""}</strong></> : null}
      </p>
      <div className="relative overflow-x-auto">
        <table className="border-separate border-spacing-0.5 text-[10px] leading-none">
          <caption className="sr-only">Restore points of {row.sourceName} per day, weeks from {days[0]} to {days[days.length - 1]}</caption>
          <thead>
            <tr>
              <th scope="col" className="sr-only">Weekday</th>
              {weeks.map((_, w) => {
                const first = weeks[w].find((i) => i !== null);
                const label = first !== undefined && first !== null ? shortDay(days[first]) : "";
                return <th key={w} scope="col" className="w-6 px-0 pb-1 text-left font-normal text-slate-500"><span className={w % 2 ? "sr-only" : ""}>{label}</span></th>;
              })}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((wd, d) => (
              <tr key={wd}>
                <th scope="row" className="pr-1 text-right font-normal text-slate-500">{d % 2 ? <span className="sr-only">{wd}</span> : wd}</th>
                {weeks.map((week, w) => {
                  const i = week[d];
                  if (i === null) return <td key={w} />;
                  const n = row.counts[i];
                  if (n === null) return <td key={w} title={`${days[i]}: not registered yet`} className={`h-6 w-6 text-center align-middle ${shade(null)}`}>·</td>;
                  return (
                    <td key={w} title={`${days[i]}: ${n} restore point${n === 1 ? "" : "s"}`} className={`h-6 w-6 rounded text-center align-middle tabular-nums ${shade(n)}`}>
                      {n > 99 ? "99+" : n}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
