// Queued and running jobs with their progress, polled by the overview and the jobs list. Signed-in users only.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { activeJobs } from "@/lib/db/overview";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  return NextResponse.json({ jobs: await activeJobs(50) });
}
