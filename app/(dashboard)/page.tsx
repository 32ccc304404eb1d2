import type { Metadata } from "next";
import Link from "next/link";
import type { JobProgress } from "@/components/jobs/progress";
import { RunningJobs } from "@/components/jobs/RunningJobs";
import { AtRiskList } from "@/components/overview/AtRiskList";
import { isProtected } from "@/components/overview/risk";
import { Kpi } from "@/components/overview/Kpi";
import { OverviewCharts } from "@/components/overview/OverviewCharts";
import type { Series } from "@/components/charts/SeriesChart";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { activeJobs, dailyBackupOutcomes, drillRtoTrend, failedDrillCount, recentBackupDurations, storageOverTime } from "@/lib/db/overview";
import { listSourcesWithHealth } from "@/lib/db/sources";
import { liveWorkers } from "@/lib/db/workers";
import { formatBytes } from "@/lib/format";
import { sourceHealth } from "@/lib/sources/health";

export const metadata: Metadata = { title: "Overview" };

function rate(succeeded: number, failed: number): string {
  return succeeded + failed ? `${Math.round((succeeded / (succeeded + failed)) * 1000) / 10} %` : "—";
}

function bySource(points: { sourceName: string; at: number; ms: number }[]): Series[] {
  const map = new Map<string, Series>();
  for (const p of points) {
    if (!map.has(p.sourceName)) map.set(p.sourceName, { name: p.sourceName, points: [] });
    map.get(p.sourceName)!.points.push({ at: p.at, ms: p.ms });
  }
  return [...map.values()];
}

export default async function OverviewPage() {
  await requireUser();
  const now = new Date();
  const [sources, outcomes, storage, durations, drills, failedDrills, running, workers] = await Promise.all([
    listSourcesWithHealth(), dailyBackupOutcomes(30, now), storageOverTime(90, now), recentBackupDurations(20), drillRtoTrend(90, now), failedDrillCount(90, now),
    activeJobs(20), liveWorkers(),
  ]);
  const protection = sources.map((s) => ({ id: s.id, name: s.name, ...sourceHealth(s.lastBackupAt, s.policies, now) }));
  const notProtected = protection.filter((p) => !isProtected(p)).sort((a, b) => Number(b.state === "at-risk") - Number(a.state === "at-risk"));
  const atRisk = protection.filter((p) => p.state === "at-risk");
  const unscheduled = protection.filter((p) => p.state === "unprotected");
  const sum = (days: number) => outcomes.slice(-days).reduce((a, d) => ({ s: a.s + d.succeeded, f: a.f + d.failed }), { s: 0, f: 0 });
  const week = sum(7);
  const month = sum(30);
  const saved = Math.max(0, storage.totalLogical - storage.totalStored);
  const ratio = storage.totalStored ? storage.totalLogical / storage.totalStored : null;

  return (
    <>
      <PageHeader title="Overview" description="Is every database backed up, and could it be restored right now?" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Kpi testId="kpi-protected" label="Sources protected" value={`${protection.length - notProtected.length} / ${protection.length}`}
          hint="scheduled, with a successful backup younger than the schedule allows" />
        <Kpi testId="kpi-success" label="Backup success, 7 days" value={rate(week.s, week.f)}
          hint={<>{week.s} succeeded, {week.f} failed · 30 days: <strong className="font-semibold">{rate(month.s, month.f)}</strong> ({month.s} / {month.s + month.f})</>} />
        <Kpi testId="kpi-storage" label="Storage used" value={formatBytes(storage.totalStored)}
          hint={ratio ? `holds ${formatBytes(storage.totalLogical)} of backups: dedup and compression save ${formatBytes(saved)} (${ratio.toFixed(1)}×)` : "nothing stored yet"} />
        <Kpi testId="kpi-at-risk" label="Sources at risk" value={String(atRisk.length)} tone={atRisk.length ? "bad" : "plain"}
          hint={<>{atRisk.length ? "missed their RPO: the last good backup is too old" : "no scheduled source has missed its RPO"}
            {unscheduled.length ? <span className="block font-medium text-amber-700 dark:text-amber-300">+ {unscheduled.length} without a backup schedule</span> : null}</>} />
      </div>

      <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Sources needing attention">
          {protection.length === 0 ? (
            <EmptyState title="No data sources yet">An admin can register one under <Link className="underline" href="/sources">Sources</Link>.</EmptyState>
          ) : notProtected.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">None: every source is scheduled and has a recent enough backup.</p>
          ) : (
            <AtRiskList sources={notProtected} />
          )}
        </Card>
        <Card title={<>Running now <span className="font-normal text-slate-500">· {workers.length ? `${workers.length} worker${workers.length > 1 ? "s" : ""} online` : "no worker online: start one with npm run worker"}</span></>}>
          <RunningJobs initial={running.map((j) => ({ ...j, progress: j.progress as JobProgress | null }))} />
        </Card>
      </div>

      <div className="mt-6">
        <OverviewCharts data={{
          outcomes,
          storage: storage.points,
          durations: bySource(durations.map((d) => ({ sourceName: d.sourceName, at: d.at, ms: d.durationMs }))),
          rto: bySource(drills.map((d) => ({ sourceName: d.sourceName, at: d.at, ms: d.rtoMs }))),
          failedDrills,
        }} />
      </div>
    </>
  );
}
