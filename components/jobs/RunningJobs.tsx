"use client";
// The overview's "Running now" card body: every queued or running job with its live progress, polled while any runs.
import Link from "next/link";
import { Badge } from "@/components/ui/primitives";
import { ProgressLine } from "./ActiveJobProgress";
import { kindLabel, STATUS_TONE } from "./progress";
import { useActiveJobsQuery, type ActiveJob } from "./useActiveJobs";

export function RunningJobs({ initial }: { initial: ActiveJob[] }) {
  const data = useActiveJobsQuery().data ?? initial;
  if (data.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Nothing is running. Scheduled backups appear here when they start.</p>;
  return (
    <ul className="space-y-3" data-testid="running-jobs">
      {data.map((j) => (
        <li key={j.id} className="text-sm">
          <div className="mb-1 flex items-center justify-between gap-2">
            <Link href={`/jobs/${j.id}`} className="font-medium text-brand-600 hover:underline">
              {kindLabel(j.kind)}{j.source ? ` · ${j.source.name}` : ""}
            </Link>
            <Badge tone={STATUS_TONE[j.status]}>{j.status.toLowerCase()}</Badge>
          </div>
          <ProgressLine job={j} />
        </li>
      ))}
    </ul>
  );
}
