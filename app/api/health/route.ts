// Liveness for load balancers and people: is the metadata database reachable, and which workers are alive?
import { NextResponse } from "next/server";
import { HEARTBEAT_GRACE_MS, liveWorkers, pingDatabase } from "@/lib/db/workers";

export const dynamic = "force-dynamic";

export async function GET() {
  let database: { ok: boolean; error?: string } = { ok: true };
  try {
    await pingDatabase();
  } catch {
    database = { ok: false, error: "The metadata database does not answer." };
  }
  const workers = database.ok ? await liveWorkers().catch(() => []) : [];
  const body = {
    status: database.ok && workers.length > 0 ? "ok" : database.ok ? "degraded" : "down",
    database,
    worker: {
      ok: workers.length > 0,
      count: workers.length,
      graceSeconds: HEARTBEAT_GRACE_MS / 1000,
      workers: workers.map((w) => ({ id: w.id, host: w.host, pid: w.pid, lastSeenAt: w.lastSeenAt.toISOString() })),
      ...(workers.length === 0 ? { hint: "No worker has sent a heartbeat recently: start one with `npm run worker`." } : {}),
    },
  };
  return NextResponse.json(body, { status: database.ok ? 200 : 503 });
}
