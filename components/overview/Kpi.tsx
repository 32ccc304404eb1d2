// One KPI card: a label, the figure, and a line saying what it counts.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/primitives";

export function Kpi({ label, value, hint, tone = "plain", testId }: { label: string; value: string; hint: ReactNode; tone?: "plain" | "bad"; testId?: string }) {
  return (
    <Card>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div data-testid={testId} className={`mt-1 text-2xl font-semibold tabular-nums ${tone === "bad" ? "text-rose-700 dark:text-rose-300" : ""}`}>{value}</div>
      <div className="mt-1 text-xs text-slate-500">{hint}</div>
    </Card>
  );
}
