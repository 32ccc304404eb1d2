import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PoliciesSection, type PolicyRow } from "@/components/policies/PoliciesSection";
import { BackUpNowForm } from "@/components/sources/BackUpNowForm";
import { RecentJobs } from "@/components/sources/RecentJobs";
import { TimelineNav } from "@/components/timeline/TimelineNav";
import { Timeline } from "@/components/timeline/Timeline";
import { bucketMs, MAX_POINTS, parseZoom, windowFor } from "@/components/timeline/scale";
import { Badge, buttonClass, Card, PageHeader } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { cronToWords } from "@/lib/cron-words";
import { listChannels } from "@/lib/db/notifications";
import { drillServersFor, listPolicies } from "@/lib/db/policies";
import { getSourceSummary, hasFullBackup } from "@/lib/db/sources";
import { storageOptions } from "@/lib/db/storage";
import { copiesInWindow, recentJobsOfSource, timelineWindow } from "@/lib/db/timeline";
import { formatBytes, formatUtc } from "@/lib/format";
import { nextRuns } from "@/lib/jobs/cron";
import { ENGINE_LABEL } from "@/lib/sources/connection";
import { sourceHealth } from "@/lib/sources/health";
import { formatAge, formatWhen } from "@/lib/sources/time-words";

export const metadata: Metadata = { title: "Source" };

export default async function SourcePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ zoom?: string; end?: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const sp = await searchParams;
  const now = new Date();
  const win = windowFor(parseZoom(sp.zoom), sp.end, now);
  const canRun = hasRole(user.role, "OPERATOR");
  const isAdmin = hasRole(user.role, "ADMIN");
  const [source, timeline, copies, policies, jobs, storage, channels, hasFull, drillServers] = await Promise.all([
    getSourceSummary(id),
    timelineWindow(id, win.from, win.to, { maxPoints: MAX_POINTS, bucketMs: bucketMs(win) }),
    copiesInWindow(id, win.from, win.to),
    listPolicies(id),
    recentJobsOfSource(id, 10),
    canRun ? storageOptions() : Promise.resolve([]),
    canRun ? listChannels() : Promise.resolve([]),
    hasFullBackup(id),
    drillServersFor(id),
  ]);
  if (!source) notFound();
  if (timeline.mode === "points") {
    for (const p of timeline.points) if (copies[p.id]) p.places = copies[p.id];
  }
  const health = sourceHealth(source.lastBackupAt, source.policies, now);
  const rows: PolicyRow[] = policies.map((p) => {
    const next = nextRuns(p.cron, p.timezone, 1);
    const drill = p.drillCron ? nextRuns(p.drillCron, p.timezone, 1) : null;
    return {
      id: p.id, name: p.name, enabled: p.enabled, cron: p.cron, timezone: p.timezone, backupType: p.backupType,
      tablesInclude: p.tablesInclude, tablesExclude: p.tablesExclude, retention: (p.retention ?? {}) as PolicyRow["retention"],
      verifyAfter: p.verifyAfter, rpoMinutes: p.rpoMinutes, copyToStorageTargetId: p.copyToStorageTargetId, notifyChannelIds: p.notifyChannelIds,
      words: cronToWords(p.cron), nextRun: "runs" in next && next.runs[0] ? formatWhen(next.runs[0], p.timezone) : null,
      drillCron: p.drillCron, drillFromCopy: p.drillFromCopy, drillOnSourceId: p.drillOnSourceId, drillWords: p.drillCron ? cronToWords(p.drillCron) : null,
      nextDrill: drill && "runs" in drill && drill.runs[0] ? formatWhen(drill.runs[0], p.timezone) : null,
    };
  });

  return (
    <>
      <PageHeader
        title={source.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{ENGINE_LABEL[source.engine]}</span>·<span className="font-mono text-xs">{source.displayTarget}</span>·
            <span>{source.storageTarget ? <>stored in <strong>{source.storageTarget.name}</strong></> : <span className="text-amber-700">no storage target</span>}</span>
            {source.demo ? <Badge tone="info">demo</Badge> : null}
          </span>
        }
        actions={
          <>
            {canRun ? <Link href={`/sources/${id}/restore`} className={buttonClass.secondary}>Restore…</Link> : null}
            {isAdmin ? <Link href={`/sources/${id}/edit`} className={buttonClass.secondary}>Edit source</Link> : null}
          </>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-4 md:grid-cols-4">
          <Card title="Last backup">
            <p className="text-lg font-semibold tabular-nums">{source.lastBackupAt ? formatUtc(source.lastBackupAt) : "never"}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">{health.ageMs !== null ? `${formatAge(health.ageMs)} ago` : "No completed backup yet"}</p>
          </Card>
          <Card title="Recovery point objective">
            <p className="text-lg font-semibold">{health.state === "at-risk" ? <Badge tone="bad">at risk: RPO missed</Badge> : health.state === "ok" ? <Badge tone="good">within RPO</Badge> : <Badge>no schedule</Badge>}</p>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{health.allowedMs ? `Allowed age ${formatAge(health.allowedMs)}` : "No enabled policy sets one"}</p>
          </Card>
          <Card title="Next scheduled run">
            <p className="text-lg font-semibold tabular-nums">{health.nextRunAt ? formatWhen(health.nextRunAt) : "—"}</p>
          </Card>
          <Card title="Backups">
            <p className="text-lg font-semibold tabular-nums">{source.backupCount.toLocaleString("en-US")}</p>
            <p className="text-sm text-slate-600 dark:text-slate-400">{formatBytes(source.storedBytes)} stored</p>
          </Card>
        </div>

        {canRun ? (
          <Card title="Back up now">
            {source.storageTarget ? <BackUpNowForm sourceId={id} sourceName={source.name} hasFull={hasFull} /> : <p className="text-sm text-amber-700">Choose a storage target for this source first{isAdmin ? <> (<Link className="underline" href={`/sources/${id}/edit`}>Edit source</Link>)</> : " (an admin does it)"}.</p>}
          </Card>
        ) : null}

        <Card title="Timeline">
          <TimelineNav sourceId={id} window={win} total={timeline.total} now={now} />
          <Timeline sourceId={id} window={{ zoom: win.zoom, from: win.from.toISOString(), to: win.to.toISOString() }} data={timeline} />
        </Card>

        <Card title="Policies">
          <PoliciesSection sourceId={id} policies={rows} canEdit={canRun} storage={storage.filter((s) => s.id !== source.storageTarget?.id).map((s) => ({ id: s.id, name: s.name }))} channels={channels.map((c) => ({ id: c.id, name: c.name }))} drillServers={drillServers} />
        </Card>

        <Card title="Recent jobs">
          <RecentJobs jobs={jobs} />
        </Card>
      </div>
    </>
  );
}
