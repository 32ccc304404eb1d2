import type { Metadata } from "next";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { backupOutcomes, listRecentJobs } from "@/lib/db/jobs";
import { listSources } from "@/lib/db/sources";
import { liveWorkers } from "@/lib/db/workers";

export const metadata: Metadata = { title: "Overview" };

function Kpi({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Card>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums">{value}</div>
      <div className="mt-1 text-xs text-slate-500">{hint}</div>
    </Card>
  );
}

export default async function OverviewPage() {
  await requireUser();
  const [sources, outcomes, running, workers] = await Promise.all([listSources(), backupOutcomes(7), listRecentJobs(10, "RUNNING"), liveWorkers()]);
  const protectedCount = sources.filter((s) => s.lastBackupAt).length;
  const finished = (outcomes.SUCCEEDED ?? 0) + (outcomes.FAILED ?? 0);
  const successRate = finished ? `${Math.round(((outcomes.SUCCEEDED ?? 0) / finished) * 100)} %` : "—";

  return (
    <>
      <PageHeader title="Overview" description="Is every database backed up, and could it be restored right now?" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi label="Sources protected" value={`${protectedCount} / ${sources.length}`} hint="with at least one completed backup" />
        <Kpi label="Backup success, 7 days" value={successRate} hint={finished ? `${outcomes.SUCCEEDED ?? 0} succeeded, ${outcomes.FAILED ?? 0} failed` : "no backup has finished yet"} />
        <Kpi label="Running jobs" value={String(running.length)} hint="backups, restores and checks in progress" />
        <Kpi label="Workers online" value={String(workers.length)} hint={workers.length ? workers.map((w) => w.host).join(", ") : "start one with npm run worker"} />
      </div>
      <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Sources">
          {sources.length === 0 ? (
            <EmptyState title="No data sources yet">An admin can register one under Sources.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {sources.map((s) => (
                <li key={s.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <span className="min-w-0">
                    <span className="block font-medium">{s.name}</span>
                    <span className="block truncate font-mono text-xs text-slate-500" title={s.displayTarget}>{s.displayTarget}</span>
                  </span>
                  {s.lastBackupAt ? <Badge tone="good">backed up</Badge> : <span className="shrink-0"><Badge tone="warn">no backup yet</Badge></span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Running now">
          {running.length === 0 ? (
            <EmptyState title="Nothing is running" />
          ) : (
            <ul className="space-y-2 text-sm">
              {running.map((j) => (
                <li key={j.id}>{j.kind.toLowerCase()} · {j.source?.name ?? "—"}</li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
