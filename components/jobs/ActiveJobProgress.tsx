"use client";
// The live progress of one queued or running job in a list: bar, rate and time left, from the shared active-jobs poll.
// When the job leaves the active set it has ended, so the server-rendered page around it is refreshed once.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { formatBytes, formatDuration } from "@/lib/format";
import { ProgressBar } from "./ProgressBar";
import { kindLabel, progressFraction, progressRate } from "./progress";
import { useActiveJobsQuery, type ActiveJob } from "./useActiveJobs";

export function ProgressLine({ job }: { job: ActiveJob }) {
  const p = job.progress;
  const rate = progressRate(p);
  const label = `Progress of ${kindLabel(job.kind)}${job.source ? ` of ${job.source.name}` : ""}`;
  return (
    <div className="min-w-60">
      <ProgressBar fraction={progressFraction(job.status, p)} status={job.status} label={label} compact />
      <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
        {job.status === "QUEUED" ? "waiting for a worker" : [
          p?.phase ? `${p.phase}${p.table ? ` · ${p.table}` : ""}` : "starting",
          rate ? `${formatBytes(rate)}/s` : null,
          p?.etaSeconds != null ? `${formatDuration(p.etaSeconds)} left` : "estimating…",
        ].filter(Boolean).join(" · ")}
        {job.cancelRequested ? " · cancel requested" : ""}
      </p>
    </div>
  );
}

export function ActiveJobProgress({ initial }: { initial: ActiveJob }) {
  const router = useRouter();
  const { data } = useActiveJobsQuery();
  const live = data ? data.find((j) => j.id === initial.id) : initial;
  const refreshed = useRef(false);
  useEffect(() => {
    if (!live && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [live, router]);
  return live ? <ProgressLine job={live} /> : <span className="text-xs text-slate-500">finished — refreshing…</span>;
}
