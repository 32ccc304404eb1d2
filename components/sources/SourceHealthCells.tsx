// "Last backup" and "Next run" cells: the age against the RPO (with an at-risk badge in words) and the next schedule.
import { Badge, tableClass } from "@/components/ui/primitives";
import { formatUtc } from "@/lib/format";
import type { SourceHealth } from "@/lib/sources/health";
import { formatAge, formatWhen } from "@/lib/sources/time-words";

export function SourceHealthCells({ lastBackupAt, health }: { lastBackupAt: Date | null; health: SourceHealth }) {
  return (
    <>
      <td className={tableClass.td}>
        {lastBackupAt ? <div className="tabular-nums">{formatUtc(lastBackupAt)}</div> : <Badge tone="warn">never</Badge>}
        <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
          {health.ageMs !== null ? <span>{formatAge(health.ageMs)} ago</span> : null}
          {health.allowedMs !== null ? <span>· RPO {formatAge(health.allowedMs)}</span> : null}
          {health.state === "at-risk" ? <Badge tone="bad">at risk: RPO missed</Badge> : health.state === "ok" ? <Badge tone="good">within RPO</Badge> : <Badge tone="neutral">no schedule</Badge>}
        </div>
      </td>
      <td className={tableClass.td}>{health.nextRunAt ? <span className="tabular-nums">{formatWhen(health.nextRunAt)}</span> : <span className="text-slate-500">—</span>}</td>
    </>
  );
}
