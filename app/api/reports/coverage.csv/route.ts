// Retention coverage as CSV: one line per source and day (last 90 days, UTC) with its number of restore points
// (blank before the source was registered).
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { toCsv, csvResponse } from "@/lib/csv";
import { retentionCoverage } from "@/lib/db/reports";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { days, sources } = await retentionCoverage(90);
  const rows = sources.flatMap((s) => days.map((day, i) => [s.sourceName, s.sourceId, day, s.counts[i]]));
  return csvResponse(`tidemark-coverage-${days[days.length - 1]}.csv`, toCsv(["source", "source_id", "day_utc", "restore_points"], rows));
}
