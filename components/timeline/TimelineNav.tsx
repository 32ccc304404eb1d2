// Zoom (day, week, month, year) and earlier/later links above the timeline: plain links, so the server reads only the
// window asked for, and every step is bookmarkable.
import Link from "next/link";
import { neighbours, windowLabel, ZOOM_SPAN_MS, ZOOMS, type TimeWindow } from "./scale";

const pill = "rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

export function TimelineNav({ sourceId, window: w, total, now }: { sourceId: string; window: TimeWindow; total: number; now: Date }) {
  const { prev, next } = neighbours(w, now);
  const href = (zoom: string, end?: Date | null) => `/sources/${sourceId}?zoom=${zoom}${end ? `&end=${encodeURIComponent(end.toISOString())}` : ""}`;
  // Another zoom keeps the window's centre in view.
  const centre = w.to.getTime() - ZOOM_SPAN_MS[w.zoom] / 2;
  const endFor = (z: (typeof ZOOMS)[number]) => (w.to.getTime() >= now.getTime() ? null : new Date(Math.min(now.getTime(), centre + ZOOM_SPAN_MS[z] / 2)));
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
      <nav aria-label="Timeline zoom" className="flex gap-1 rounded-lg bg-slate-100 p-1 dark:bg-slate-800">
        {ZOOMS.map((z) => (
          <Link key={z} href={href(z, endFor(z))} aria-current={z === w.zoom ? "true" : undefined}
            className={`${pill} ${z === w.zoom ? "bg-white shadow-sm dark:bg-slate-900" : "text-slate-600 hover:text-slate-900 dark:text-slate-300"}`}>
            {z[0].toUpperCase() + z.slice(1)}
          </Link>
        ))}
      </nav>
      <div className="flex items-center gap-2 text-sm">
        <Link href={href(w.zoom, prev)} className={`${pill} border border-slate-300 dark:border-slate-700`} aria-label="Earlier">← Earlier</Link>
        <span className="tabular-nums" data-testid="timeline-window">{windowLabel(w)} · {total.toLocaleString("en-US")} backup{total === 1 ? "" : "s"}</span>
        {next ? <Link href={href(w.zoom, next)} className={`${pill} border border-slate-300 dark:border-slate-700`} aria-label="Later">Later →</Link> : null}
        {next ? <Link href={href(w.zoom)} className={`${pill} text-brand-600`}>Now</Link> : null}
      </div>
    </div>
  );
}
