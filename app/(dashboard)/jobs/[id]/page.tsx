import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobLive } from "@/components/jobs/JobLive";
import { STORAGE_KIND_LABEL } from "@/components/restore/types";
import { retryRefusal } from "@/lib/jobs/retry-rules";
import { PageHeader } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { jobReadPlace } from "@/lib/db/copies";
import { getJob, retriesOf } from "@/lib/db/jobs";
import { sourceName } from "@/lib/db/sources";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const job = await getJob((await params).id);
  if (!job) notFound();
  const diff = job.kind === "DIFF" ? ((job.params ?? {}) as { mode?: string; to?: { live?: boolean } }) : null;
  // Restores, drills, restore previews and "changes since this backup" read one backup, maybe from a copy.
  const readsBackup = job.kind === "RESTORE" || job.kind === "DRILL" || diff?.mode === "restore-preview" || (diff?.mode === "compare" && diff.to?.live === true);
  const [source, retries, readFrom] = await Promise.all([job.sourceId ? sourceName(job.sourceId) : null, retriesOf(job.id), readsBackup ? jobReadPlace(job.params) : null]);
  const title = `${job.kind.charAt(0)}${job.kind.slice(1).toLowerCase().replace("_", " ")}${source ? ` of ${source.name}` : ""}`;
  const operator = hasRole(user.role, "OPERATOR");
  return (
    <>
      <PageHeader
        title={title}
        description={<>
          Job {job.id} · queued {formatUtc(job.createdAt, { seconds: true })}
          {source ? <> · <Link className="underline" href={`/sources/${source.id}`}>{source.name}</Link></> : null}
          {" · "}<Link className="underline" href="/jobs">all jobs</Link>
        </>}
      />
      {readFrom ? (
        <p className="mb-4 text-sm" data-testid="job-read-from">
          Reads the backup from {readFrom.copy ? "its copy in " : ""}<strong>{readFrom.name}</strong> ({STORAGE_KIND_LABEL[readFrom.kind]}){readFrom.copy ? "" : ", where it was written"}.
        </p>
      ) : null}
      {retries.length ? (
        <p className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm dark:bg-slate-900" data-testid="job-retries">
          Retried as {retries.map((id, i) => <span key={id}>{i ? ", " : ""}<Link className="font-medium text-brand-600 underline" href={`/jobs/${id}`}>job {id}</Link></span>)}
        </p>
      ) : null}
      {operator && job.kind === "RESTORE" && (job.status === "FAILED" || job.status === "CANCELLED") ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">{retryRefusal(job.kind, user.role)}</p>
      ) : null}
      <JobLive jobId={job.id} canCancel={operator} canRetry={operator && !retryRefusal(job.kind, user.role)} />
    </>
  );
}
