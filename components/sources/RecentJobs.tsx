// The last jobs of one source: kind (with the backup type), status, who asked, when; each opens its live page.
import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui/primitives";
import { formatUtc } from "@/lib/format";

const TONE = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "good", FAILED: "bad", CANCELLED: "warn" } as const;

interface JobRow {
  id: string;
  kind: string;
  status: keyof typeof TONE;
  error: string | null;
  createdAt: Date;
  params: unknown;
  requestedBy: { email: string } | null;
}

export function RecentJobs({ jobs }: { jobs: JobRow[] }) {
  if (!jobs.length) return <EmptyState title="No jobs for this source yet" />;
  return (
    <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="recent-jobs">
      {jobs.map((j) => {
        const type = (j.params as { type?: string } | null)?.type;
        return (
          <li key={j.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div>
              <Link href={`/jobs/${j.id}`} className="font-medium text-brand-600 hover:underline">{j.kind.toLowerCase().replace("_", " ")}{j.kind === "BACKUP" && type ? ` (${type})` : ""}</Link>
              <span className="ml-2 text-slate-500">{j.requestedBy?.email ?? "schedule"} · {formatUtc(j.createdAt)}</span>
              {j.error ? <div className="text-xs text-rose-700 dark:text-rose-300">{j.error}</div> : null}
            </div>
            <Badge tone={TONE[j.status]}>{j.status.toLowerCase()}</Badge>
          </li>
        );
      })}
    </ul>
  );
}
