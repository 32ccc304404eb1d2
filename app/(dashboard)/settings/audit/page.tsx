import type { Metadata } from "next";
import Link from "next/link";
import {buttonClass, DataTable, EmptyState, inputClass, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { listAudit, listAuditActions } from "@/lib/db/audit";

export const metadata: Metadata = { title: "Audit log" };

function parseDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

type Details = Record<string, unknown> | null;

/** The target as a person knows it: a user by e-mail, anything else by kind and id. */
function describeTarget(type: string | null, id: string | null, details: unknown): string {
  if (!type) return "—";
  const email = (details as Details)?.email;
  return typeof email === "string" ? `${type} ${email}` : `${type} ${id ?? ""}`;
}

/** "role: ADMIN · by: first start" — the details except what the target column already says. */
function describeDetails(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  return Object.entries(details as Record<string, unknown>)
    .filter(([k]) => k !== "email")
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" · ");
}

/** A date filter's "until" day includes that whole day. */
function endOfDay(d: Date | undefined): Date | undefined {
  return d ? new Date(d.getTime() + 24 * 3600_000 - 1) : undefined;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("ADMIN");
  const q = await searchParams;
  const before = q.before && /^\d+$/.test(q.before) ? BigInt(q.before) : undefined;
  const [{ events, nextBefore }, actions] = await Promise.all([
    listAudit({ action: q.action || undefined, actor: q.actor || undefined, since: parseDate(q.since), until: endOfDay(parseDate(q.until)), before }),
    listAuditActions(),
  ]);
  const nextParams = new URLSearchParams(Object.entries({ ...q, before: nextBefore?.toString() }).filter((e): e is [string, string] => !!e[1]));

  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, failed sign-in and change, newest first." />
      <form className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-5 dark:border-slate-800 dark:bg-slate-900" method="get">
        <div>
          <label htmlFor="f-action" className="mb-1 block text-xs font-medium">Action</label>
          <select id="f-action" name="action" defaultValue={q.action ?? ""} className={inputClass}>
            <option value="">All</option>
            {actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor" className="mb-1 block text-xs font-medium">Who (e-mail contains)</label>
          <input id="f-actor" name="actor" defaultValue={q.actor ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-since" className="mb-1 block text-xs font-medium">From</label>
          <input id="f-since" name="since" type="date" defaultValue={q.since ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-until" className="mb-1 block text-xs font-medium">Until</label>
          <input id="f-until" name="until" type="date" defaultValue={q.until ?? ""} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass.primary}>Filter</button>
          <Link href="/settings/audit" className={buttonClass.secondary}>Clear</Link>
        </div>
      </form>
      {events.length === 0 ? (
        <EmptyState title="No events match these filters" />
      ) : (
        <DataTable headers={["When (UTC)", "Who", "Action", "Target", "IP", "Details"]} testId="audit-table">
          {events.map((e) => (
            <tr key={e.id.toString()}>
              <td className={`${tableClass.td} whitespace-nowrap text-xs tabular-nums`}>{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className={tableClass.td}>{e.actorEmail ?? "system"}</td>
              <td className={`${tableClass.td} font-mono text-xs`}>{e.action}</td>
              <td className={`${tableClass.td} text-xs`}>{describeTarget(e.targetType, e.targetId, e.details)}</td>
              <td className={`${tableClass.td} font-mono text-xs`}>{e.ip ?? "—"}</td>
              <td className={`${tableClass.td} max-w-xs truncate text-xs text-slate-600 dark:text-slate-400`} title={describeDetails(e.details)}>{describeDetails(e.details)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextBefore ? (
        <div className="mt-3">
          <Link className={buttonClass.secondary} href={`/settings/audit?${nextParams.toString()}`}>Older events</Link>
        </div>
      ) : null}
    </>
  );
}
