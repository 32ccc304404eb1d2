"use client";
// A compact progress bar for a job the page waits on (a compare or a restore preview), with its phase and error.
import Link from "next/link";
import { jobFraction, type PolledJob } from "./useJob";

export function JobProgressLine({ job, label }: { job: PolledJob<unknown> | undefined; label: string }) {
  const fraction = jobFraction(job);
  const p = job?.progress;
  return (
    <div className="space-y-2" aria-live="polite">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={`h-full ${job?.status === "FAILED" ? "bg-rose-500" : "bg-brand-500"} transition-all`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {!job ? "Starting…" : job.status === "QUEUED" ? "Waiting for a worker…" : job.status === "RUNNING" ? `${p?.phase ?? "working"}${p?.table ? ` · ${p.table}` : ""} · ${Math.round(fraction * 100)} %` : job.status.toLowerCase()}
        {job ? <> · <Link className="underline" href={`/jobs/${job.id}`}>job details and log</Link></> : null}
      </p>
      {job?.error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{job.error}</p> : null}
    </div>
  );
}
