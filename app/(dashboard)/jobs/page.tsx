import type { Metadata } from "next";
import Link from "next/link";
import {Badge, DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { listRecentJobs } from "@/lib/db/jobs";

export const metadata: Metadata = { title: "Jobs" };

const TONE = { QUEUED: "neutral", RUNNING: "info", SUCCEEDED: "good", FAILED: "bad", CANCELLED: "warn" } as const;

export default async function JobsPage() {
  await requireUser();
  const jobs = await listRecentJobs(100);
  return (
    <>
      <PageHeader title="Jobs" description="Backups, restores, verifications and drills, newest first." />
      {jobs.length === 0 ? (
        <EmptyState title="No jobs have run yet" />
      ) : (
        <DataTable headers={["Kind", "Source", "Status", "Asked by", "Created"]}>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td className={tableClass.td}><Link className="font-medium text-brand-600 hover:underline" href={`/jobs/${j.id}`}>{j.kind.toLowerCase().replace("_", " ")}</Link></td>
              <td className={tableClass.td}>{j.source?.name ?? "—"}</td>
              <td className={tableClass.td}><Badge tone={TONE[j.status]}>{j.status.toLowerCase()}</Badge>{j.error ? <div className="mt-1 text-xs text-rose-700 dark:text-rose-300">{j.error}</div> : null}</td>
              <td className={tableClass.td}>{j.requestedBy?.email ?? "schedule"}</td>
              <td className={tableClass.td}>{j.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
