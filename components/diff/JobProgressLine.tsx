"use client";
// A compact progress bar for a job the page waits on (a compare or a restore preview), with its phase and error.
import Link from "next/link";
import { ProgressBar } from "@/components/jobs/ProgressBar";
import { progressFraction } from "@/components/jobs/progress";
import type { PolledJob } from "./useJob";

export function JobProgressLine({ job, label }: { job: PolledJob<unknown> | undefined; label: string }) {
  const p = job?.progress;
  return (
    <div className="space-y-2" aria-live="polite">
      <ProgressBar fraction={job ? progressFraction(job.status, p) : 0} status={job?.status ?? "QUEUED"} label={label} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {!job ? "Starting…" : job.status === "QUEUED" ? "Waiting for a worker…" : job.status === "RUNNING" ? `${p?.phase ?? "working"}${p?.table ? ` · ${p.table}` : ""}` : job.status.toLowerCase()}
        {job ? <> · <Link className="underline" href={`/jobs/${job.id}`}>job details and log</Link></> : null}
      </p>
      {job?.error ? <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:bg-rose-950 dark:text-rose-200">{job.error}</p> : null}
    </div>
  );
}
