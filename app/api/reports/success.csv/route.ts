// Weekly backup success as CSV: one line per source and ISO week (last 12 weeks, UTC) with counts and the rate.
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { toCsv, csvResponse } from "@/lib/csv";
import { lastWeeks, successRate, weeklyBackupSuccess } from "@/lib/db/reports";

export const dynamic = "force-dynamic";

export async function GET() {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const rows = await weeklyBackupSuccess(12);
  const weeks = lastWeeks(12);
  const body = toCsv(
    ["source", "source_id", "week_start_utc", "succeeded", "failed", "cancelled", "success_rate_percent"],
    rows.map((r) => {
      const rate = successRate(r);
      return [r.sourceName, r.sourceId, r.week, r.succeeded, r.failed, r.cancelled, rate === null ? "" : Math.round(rate * 1000) / 10];
    }),
  );
  return csvResponse(`tidemark-backup-success-${weeks[weeks.length - 1]}.csv`, body);
}
