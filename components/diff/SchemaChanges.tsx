// Schema objects that differ between the two sides, each with its unified DDL diff (+ added, − removed lines).
import type { SchemaChange } from "@/lib/diff/types";
import { Badge } from "@/components/ui/primitives";

const TONE = { added: "good", removed: "bad", changed: "warn" } as const;

function lineClass(line: string): string {
  if (line.startsWith("+")) return "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200";
  if (line.startsWith("-")) return "bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-200";
  if (line.startsWith("@@")) return "text-slate-500";
  return "";
}

export function SchemaChanges({ changes }: { changes: SchemaChange[] }) {
  if (!changes.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No schema changes: every table, index, view and function is defined the same on both sides.</p>;
  return (
    <ul className="space-y-3" data-testid="schema-changes">
      {changes.map((c) => (
        <li key={`${c.kind}.${c.schema}.${c.name}`}>
          <p className="mb-1 flex items-center gap-2 text-sm">
            <Badge tone={TONE[c.change]}>{c.change}</Badge>
            <span className="text-slate-500">{c.kind}</span>
            <span className="font-mono">{c.schema ? `${c.schema}.` : ""}{c.name}</span>
          </p>
          <pre className="overflow-x-auto rounded-md border border-slate-200 text-xs leading-5 dark:border-slate-800" aria-label={`DDL diff of ${c.name}`}>
            {c.diff.split("\n").map((line, i) => (
              <div key={i} className={`px-2 ${lineClass(line)}`}>{line || " "}</div>
            ))}
          </pre>
        </li>
      ))}
    </ul>
  );
}
