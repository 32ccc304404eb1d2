"use client";
// One shared poll of the queued and running jobs (TanStack Query dedupes it across every row that asks);
// it polls every 1.5 s while something is active and every 15 s when nothing is.
import { useQuery } from "@tanstack/react-query";
import type { JobProgress, JobStatusName } from "./progress";

export interface ActiveJob {
  id: string;
  kind: string;
  status: JobStatusName;
  source: { id: string; name: string } | null;
  progress: JobProgress | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
}

/** `data` is undefined until the first answer; callers show what the server rendered until then. */
export function useActiveJobsQuery() {
  return useQuery<ActiveJob[]>({
    queryKey: ["active-jobs"],
    queryFn: async () => {
      const res = await fetch("/api/jobs/active", { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()).jobs;
    },
    // Idle, it still looks every 15 s: a scheduled backup or one started elsewhere shows up without a reload.
    refetchInterval: (q) => (q.state.data && q.state.data.length > 0 ? 1500 : 15_000),
  });
}
