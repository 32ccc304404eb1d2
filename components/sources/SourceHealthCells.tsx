// "Last backup" and "Next run" cells: the age against the RPO (with an at-risk badge in words) and the next schedule.
import { Badge, tableClass } from "@/components/ui/primitives";
import { formatUtc } from "@/lib/format";
import type { SourceHealth } from "@/lib/sources/health";
import { formatAge, formatWhen } from "@/lib/sources/time-words";

export function SourceHealthCells({ lastBackupAt, health }: { lastBackupAt: Date | null; health: SourceHealth }) {
  return (
    <>
      <td className={`${tableClass.td} whitespace-nowrap`}>
        {lastBackupAt ? <div className="tabular-nums">{formatUtc(lastBackupAt)}</div> : <Badge tone="warn">never</Badge>}
        {health.ageMs !== null ? <div className="mt-0.5 text-xs text-slate-500">{formatAge(health.ageMs)} ago</div> : null}
      </td>
      <td className={`${tableClass.td} whitespace-nowrap`}>
        {health.state === "at-risk" ? <Badge tone="bad">at risk: RPO missed</Badge> : health.state === "ok" ? <Badge tone="good">within RPO</Badge> : <Badge tone="neutral">no schedule</Badge>}
        <div className="mt-0.5 text-xs text-slate-500">{health.allowedMs !== null ? `RPO ${formatAge(health.allowedMs)}` : "manual backups only"}</div>
      </td>
      <td className={`${tableClass.td} whitespace-nowrap`}>{health.nextRunAt ? <span className="tabular-nums">{formatWhen(health.nextRunAt)}</span> : <span className="text-slate-500">—</span>}</td>
    </>
  );
}
