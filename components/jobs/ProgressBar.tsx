// One progress bar for jobs: percentage in text as well as width, failed jobs in red.
import type { JobStatusName } from "./progress";

export function ProgressBar({ fraction, status, label, compact = false }: { fraction: number; status: JobStatusName; label: string; compact?: boolean }) {
  const pct = Math.round(fraction * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className={`${compact ? "h-2" : "h-3"} w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800`}
      >
        <div className={`h-full ${status === "FAILED" ? "bg-rose-500" : status === "CANCELLED" ? "bg-amber-500" : "bg-brand-500"} transition-all`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <span className="w-10 shrink-0 text-right text-xs tabular-nums text-slate-600 dark:text-slate-400">{pct} %</span>
    </div>
  );
}
