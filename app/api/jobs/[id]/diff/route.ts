// Pages through the row differences a diff job stored. Signed-in users only.
//   GET /api/jobs/[id]/diff?table=public.orders&kind=added|removed|changed&after=0&limit=50
//     → { rows: [{ seq, key, values?, count?, changes? }], nextAfter: number | null }
//     key/values/changes carry DisplayValue objects (lib/diff/display.ts): NULL apart from empty, binary as size +
//     hex prefix, long text cut (truncated: true). Pass nextAfter back as `after` for the next page (keyset on seq).
//   GET …&full=1&seq=17 → the same shape with that one row and every value whole ({ kind, text, truncated: false }).
import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { diffRowBySeq, diffRowsPage } from "@/lib/db/diffs";
import { getJob } from "@/lib/db/jobs";
import { displayValue, type DisplayValue } from "@/lib/diff/display";
import type { ChangedRow, SampleRow, TableDiff, Value } from "@/lib/diff/types";

export const dynamic = "force-dynamic";

const KINDS = ["added", "removed", "changed"] as const;
const MAX_LIMIT = 500;

type Shown = (v: Value, column: string) => DisplayValue;

function present(data: SampleRow | ChangedRow, show: Shown) {
  const map = (r: Record<string, Value>) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, show(v, c)]));
  if ("changes" in data) return { key: map(data.key), changes: data.changes.map((c) => ({ column: c.column, from: show(c.from, c.column), to: show(c.to, c.column) })) };
  return { key: map(data.key), values: map(data.values), count: data.count };
}

const bad = (error: string) => NextResponse.json({ error }, { status: 400 });

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  if (!(await currentUser())) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const job = await getJob((await ctx.params).id);
  if (!job || job.kind !== "DIFF") return NextResponse.json({ error: "No such diff job." }, { status: 404 });
  const q = new URL(req.url).searchParams;
  const table = q.get("table") ?? "";
  const kind = q.get("kind") as (typeof KINDS)[number];
  if (!table) return bad("Say which table: ?table=schema.name");
  if (!KINDS.includes(kind)) return bad("kind must be added, removed or changed");
  const types = ((job.result as { tables?: TableDiff[] } | null)?.tables ?? []).find((t) => t.table === table)?.columnTypes ?? {};

  if (q.get("full") === "1") {
    const seq = Number(q.get("seq"));
    if (!Number.isInteger(seq) || seq < 1) return bad("seq must be a row number from a page (1 or more)");
    const row = await diffRowBySeq(job.id, table, kind, seq);
    if (!row) return NextResponse.json({ error: "No such row in this diff." }, { status: 404 });
    const whole: Shown = (v, c) => ({ ...displayValue(v, types[c], Number.MAX_SAFE_INTEGER), ...(v !== null && v !== "" ? { text: v } : {}), truncated: false });
    return NextResponse.json({ rows: [{ seq: row.seq, ...present(row.data as unknown as SampleRow | ChangedRow, whole) }], nextAfter: null });
  }

  const after = Number(q.get("after") ?? 0);
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(q.get("limit") ?? 50) || 50));
  if (!Number.isInteger(after) || after < 0) return bad("after must be the nextAfter of the previous page (0 for the first)");
  const rows = await diffRowsPage(job.id, table, kind, after, limit + 1);
  const page = rows.slice(0, limit);
  const cut: Shown = (v, c) => displayValue(v, types[c]);
  return NextResponse.json({
    rows: page.map((r) => ({ seq: r.seq, ...present(r.data as unknown as SampleRow | ChangedRow, cut) })),
    nextAfter: rows.length > limit ? page[page.length - 1].seq : null,
  });
}
