import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareView } from "@/components/diff/CompareView";
import { ComparePicker, pointLabel } from "@/components/diff/ComparePicker";
import { StartCompare } from "@/components/diff/StartCompare";
import { EmptyState, PageHeader } from "@/components/ui/primitives";
import { canRunJobs } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { restorePoints } from "@/lib/db/backup-sets";
import { compareJobFor, findCompareJob } from "@/lib/db/compare-jobs";
import { sourceName } from "@/lib/db/sources";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Compare" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function ComparePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  // Reading the live database is for operators and admins (the server refuses viewers).
  const canLive = canRunJobs(user.role);
  const { id: sourceId } = await params;
  const q = await searchParams;
  const source = await sourceName(sourceId);
  if (!source) notFound();
  const from = one(q.from);
  const to = one(q.to);
  const points = await restorePoints(sourceId, { include: [from, to].filter((id): id is string => Boolean(id) && id !== "live") });
  const byId = new Map(points.map((p) => [p.id, p]));
  const liveRefused = to === "live" && !canLive;
  const valid = Boolean(from && byId.has(from) && to && ((to === "live" && canLive) || byId.has(to)));
  const base = `/sources/${sourceId}`;
  const side = (id: string) => (id === "live" ? "the live database" : formatUtc(byId.get(id)!.consistentAt, { seconds: true }));

  let jobId: string | null = null;
  if (valid) {
    const asked = one(q.job);
    jobId = (asked ? await compareJobFor(asked, sourceId, from!, to!) : null) ?? (await findCompareJob(sourceId, from!, to!));
  }
  const pickerPoints = points.map((p) => ({ id: p.id, label: pointLabel(p) }));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        <Link className="underline" href="/sources">Sources</Link> / <Link className="underline" href={base}>{source.name}</Link> / compare
      </nav>
      <PageHeader
        title={valid ? `Compare ${side(from!)} → ${side(to!)}` : `Compare backups of ${source.name}`}
        description={valid ? <>What changed from the older side to the newer: rows added, removed and changed per table, and schema changes. {to !== "live" ? <Link className="underline" href={`${base}/compare?from=${to}&to=${from}`}>Swap sides</Link> : <Link className="underline" href={`${base}/compare?from=${from}&to=live`}>Read the live database again</Link>}</> : canLive ? "Pick two backups, or a backup and the live database." : "Pick two backups."}
      />
      {points.length === 0 ? (
        <EmptyState title="No completed backup of this source yet">Back it up first, then compare backups with each other or with the live database.</EmptyState>
      ) : (
        <>
          <ComparePicker action={`${base}/compare`} points={pickerPoints} canCompareLive={canLive} from={valid ? from : points[1]?.id ?? points[0].id} to={valid ? to : points[1] || !canLive ? points[0].id : "live"} />
          {liveRefused ? <p role="alert" className="mb-4 text-sm text-rose-700">Comparing with the live database is for operators and admins: pick two backups, or ask an operator.</p> : null}
          {from && to && !valid && !liveRefused ? <p role="alert" className="mb-4 text-sm text-rose-700">That comparison names a backup this source does not have; pick both sides above.</p> : null}
          {valid ? (jobId ? <CompareView key={jobId} jobId={jobId} live={to === "live"} /> : <StartCompare key={`${from}/${to}`} sourceId={sourceId} from={from!} to={to!} />) : null}
        </>
      )}
    </>
  );
}
