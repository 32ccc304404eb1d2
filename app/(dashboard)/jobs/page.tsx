import type { Metadata } from "next";
import Link from "next/link";
import { ActiveJobProgress } from "@/components/jobs/ActiveJobProgress";
import { kindLabel, STATUS_TONE, type JobProgress } from "@/components/jobs/progress";
import { Badge, buttonClass, DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { listJobsPage } from "@/lib/db/jobs";
import { listSources } from "@/lib/db/sources";
import { formatDuration, formatUtc } from "@/lib/format";
import { cursorParam, jobsHref, parseJobSearch, toCursor, toFilter } from "./filters";
import { JobFilters } from "./JobFilters";

export const metadata: Metadata = { title: "Jobs" };

const PAGE_SIZE = 50;

export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const search = parseJobSearch(await searchParams);
  const [{ jobs, next }, sources] = await Promise.all([listJobsPage(toFilter(search), toCursor(search), PAGE_SIZE), listSources()]);
  const filtered = Boolean(search.kind || search.status || search.source || search.from || search.to);

  return (
    <>
      <PageHeader title="Jobs" description="Backups, restores, verifications, drills and comparisons, newest first. Times are UTC." />
      <JobFilters search={search} sources={sources} />
      {jobs.length === 0 ? (
        <EmptyState title={filtered ? "No job matches these filters" : search.after ? "No older jobs" : "No jobs have run yet"}>
          {filtered ? <Link className="underline" href="/jobs">Show all jobs</Link> : "Back up a source from its page to start one."}
        </EmptyState>
      ) : (
        <DataTable testId="jobs-table" headers={["Job", "Source", "Status", "Progress / duration", "Asked by", "Created"]}>
          {jobs.map((j) => {
            const active = j.status === "QUEUED" || j.status === "RUNNING";
            return (
              <tr key={j.id} data-testid={`job-row-${j.id}`}>
                <td className={tableClass.td}><Link className="font-medium text-brand-600 hover:underline" href={`/jobs/${j.id}`}>{kindLabel(j.kind)}</Link></td>
                <td className={tableClass.td}>{j.source ? <Link className="hover:underline" href={`/sources/${j.source.id}`}>{j.source.name}</Link> : "—"}</td>
                <td className={tableClass.td}>
                  <Badge tone={STATUS_TONE[j.status]}>{j.status.toLowerCase()}</Badge>
                  {j.error ? <div className="mt-1 max-w-md text-xs text-rose-700 dark:text-rose-300">{j.error}</div> : null}
                </td>
                <td className={tableClass.td}>
                  {active ? (
                    <ActiveJobProgress initial={{
                      id: j.id, kind: j.kind, status: j.status as "QUEUED" | "RUNNING", source: j.source, progress: j.progress as JobProgress | null,
                      cancelRequested: j.cancelRequested, createdAt: j.createdAt.toISOString(), startedAt: j.startedAt?.toISOString() ?? null,
                    }} />
                  ) : j.startedAt && j.finishedAt ? (
                    <span className="tabular-nums">{formatDuration((j.finishedAt.getTime() - j.startedAt.getTime()) / 1000)}</span>
                  ) : "—"}
                </td>
                <td className={tableClass.td}>{j.requestedBy?.email ?? "schedule"}</td>
                <td className={`${tableClass.td} whitespace-nowrap tabular-nums`}>{formatUtc(j.createdAt, { seconds: true })}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <nav aria-label="Pages of jobs" className="mt-4 flex gap-2">
        {search.after ? <Link className={buttonClass.secondary} href={jobsHref(search)}>← Newest</Link> : null}
        {next ? <Link className={buttonClass.secondary} href={jobsHref(search, cursorParam(next))} rel="next">Older jobs →</Link> : null}
      </nav>
    </>
  );
}
