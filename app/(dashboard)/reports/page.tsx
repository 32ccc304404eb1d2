import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { lastWeeks, retentionCoverage, weeklyBackupSuccess } from "@/lib/db/reports";
import { CoverageGrid, shade } from "./CoverageGrid";
import { SuccessTable } from "./SuccessTable";

export const metadata: Metadata = { title: "Reports" };

const download = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

function Legend() {
  const items: [string, number | null][] = [["none: a gap", 0], ["1", 1], ["2–3", 2], ["4 or more", 4], ["before the source was registered", null]];
  return (
    <p className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400" aria-label="Legend">
      Restore points per day:
      {items.map(([label, n]) => (
        <span key={label} className="inline-flex items-center gap-1">
          <span aria-hidden="true" className={`inline-flex h-4 w-4 items-center justify-center rounded text-[9px] ${shade(n)}`}>{n ?? "·"}</span>{label}
        </span>
      ))}
      <span>· every cell shows its number; hover for the date</span>
    </p>
  );
}

export default async function ReportsPage() {
  await requireUser();
  const now = new Date();
  const weeks = lastWeeks(12, now).reverse();
  const [coverage, success] = await Promise.all([retentionCoverage(90, now), weeklyBackupSuccess(12, now)]);
  const sources = coverage.sources.map((s) => ({ id: s.sourceId, name: s.sourceName }));

  return (
    <>
      <PageHeader title="Reports" description="Retention coverage and backup success per source. Days and weeks are UTC." />
      {sources.length === 0 ? (
        <EmptyState title="No data sources yet">An admin registers sources under Sources; their coverage and success appear here as backups complete.</EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title={<span className="flex flex-wrap items-center justify-between gap-2"><span>Retention coverage: restore points per day, last 90 days</span><a className={download} href="/api/reports/coverage.csv" download>Download CSV</a></span>}>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">A day without a restore point is a day you cannot go back to. Gaps in the recent weeks usually mean a failing schedule; gaps further back are retention thinning older backups out.</p>
            <Legend />
            <div className="mt-4 grid grid-cols-1 gap-6 lg:grid-cols-2">
              {coverage.sources.map((row) => (
                <section key={row.sourceId} aria-label={`Coverage of ${row.sourceName}`}>
                  <h3 className="mb-1 text-sm font-semibold"><Link className="text-brand-600 hover:underline" href={`/sources/${row.sourceId}`}>{row.sourceName}</Link></h3>
                  <CoverageGrid row={row} days={coverage.days} />
                </section>
              ))}
            </div>
          </Card>
          <Card title={<span className="flex flex-wrap items-center justify-between gap-2"><span>Backup success per week, last 12 weeks (newest first)</span><a className={download} href="/api/reports/success.csv" download>Download CSV</a></span>}>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Succeeded ÷ (succeeded + failed) backup jobs per source and week (weeks start on Monday). Cancelled runs are counted separately. Red cells are below 90 %.</p>
            <SuccessTable rows={success} weeks={weeks} sources={sources} />
          </Card>
        </div>
      )}
    </>
  );
}
