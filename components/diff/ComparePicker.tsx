// The two sides of a comparison: a plain GET form (works without JavaScript), "live" as a choice for the newer side
// for operators and admins.
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { formatUtc } from "@/lib/format";

export interface PickerPoint {
  id: string;
  label: string;
}

export function pointLabel(p: { consistentAt: Date | null; type: string; preRestore: boolean; pinned: boolean }): string {
  return `${formatUtc(p.consistentAt, { seconds: true })} · ${p.type.toLowerCase()}${p.preRestore ? " · pre-restore" : ""}${p.pinned ? " · pinned" : ""}`;
}

/** `canCompareLive`: operators and admins only (the server refuses viewers), so viewers are not offered it. */
export function ComparePicker({ action, points, from, to, canCompareLive }: { action: string; points: PickerPoint[]; from?: string; to?: string; canCompareLive: boolean }) {
  return (
    <form method="get" action={action} className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <label className="min-w-64 flex-1 text-sm">
        <span className="mb-1 block font-medium">From (older side)</span>
        <select name="from" defaultValue={from} className={inputClass} required>
          {points.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      <span aria-hidden="true" className="pb-2 text-slate-400">→</span>
      <label className="min-w-64 flex-1 text-sm">
        <span className="mb-1 block font-medium">To (newer side)</span>
        <select name="to" defaultValue={to ?? (canCompareLive ? "live" : points[0]?.id)} className={inputClass} required>
          {canCompareLive ? <option value="live">Live database (now)</option> : null}
          {points.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </select>
      </label>
      <button type="submit" className={buttonClass.primary}>Compare</button>
    </form>
  );
}
