import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { JobLive } from "@/components/jobs/JobLive";
import { PageHeader } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getJob } from "@/lib/db/jobs";
import { sourceName } from "@/lib/db/sources";

export const metadata: Metadata = { title: "Job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const job = await getJob((await params).id);
  if (!job) notFound();
  const source = job.sourceId ? await sourceName(job.sourceId) : null;
  const title = `${job.kind.charAt(0)}${job.kind.slice(1).toLowerCase().replace("_", " ")}${source ? ` of ${source.name}` : ""}`;
  return (
    <>
      <PageHeader title={title} description={<>Job {job.id} · queued {job.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC · <Link className="underline" href="/jobs">all jobs</Link></>} />
      <JobLive jobId={job.id} canCancel={hasRole(user.role, "OPERATOR")} />
    </>
  );
}
