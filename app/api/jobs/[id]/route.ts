// A job's status, progress and log, polled by the job page while it runs. Signed-in users only; no secrets inside.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { getJobWithEvents } from "@/lib/db/jobs";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const job = await getJobWithEvents((await ctx.params).id);
  if (!job) return NextResponse.json({ error: "No such job." }, { status: 404 });
  return NextResponse.json({
    id: job.id,
    kind: job.kind,
    status: job.status,
    source: job.source,
    requestedBy: job.requestedBy?.email ?? null,
    progress: job.progress,
    result: job.result,
    error: job.error,
    cancelRequested: job.cancelRequested,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    events: job.events.map((e) => ({ id: e.id.toString(), at: e.at, level: e.level, message: e.message })),
  });
}
