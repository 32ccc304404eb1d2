// Sources whose data is not safe right now, each with the reason in words and a link to its page.
import Link from "next/link";
import { Badge } from "@/components/ui/primitives";
import { riskReason, type SourceAtRisk } from "./risk";

export function AtRiskList({ sources }: { sources: SourceAtRisk[] }) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="at-risk-list">
      {sources.map((s) => (
        <li key={s.id} className="flex items-start justify-between gap-3 py-2 text-sm">
          <span className="min-w-0">
            <Link href={`/sources/${s.id}`} className="font-medium text-brand-600 hover:underline">{s.name}</Link>
            <span className="block text-xs text-slate-600 dark:text-slate-400">{riskReason(s)}</span>
          </span>
          <span className="shrink-0">{s.state === "at-risk" ? <Badge tone="bad">at risk</Badge> : s.state === "unprotected" ? <Badge tone="warn">no schedule</Badge> : <Badge tone="warn">no backup yet</Badge>}</span>
        </li>
      ))}
    </ul>
  );
}
