// The timeline's arithmetic: zoom windows, prev/next, ticks, x placement, and how many buckets a dense window gets.
// Pure (no React), shared by the page (which queries only the visible window) and the SVG component.
export const ZOOMS = ["day", "week", "month", "year"] as const;
export type Zoom = (typeof ZOOMS)[number];

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const ZOOM_SPAN_MS: Record<Zoom, number> = { day: DAY, week: 7 * DAY, month: 30 * DAY, year: 365 * DAY };
const TICK_MS: Record<Zoom, number> = { day: 3 * HOUR, week: DAY, month: 5 * DAY, year: 30 * DAY };
/** Above this many backups in the window, the timeline shows counts per bucket instead of one mark per backup. */
export const MAX_POINTS = 150;
export const BUCKETS = 60;

export interface TimeWindow {
  zoom: Zoom;
  from: Date;
  to: Date;
}

export function parseZoom(value: string | undefined): Zoom {
  return (ZOOMS as readonly string[]).includes(value ?? "") ? (value as Zoom) : "week";
}

/** The window ending at `end` (default: now, rounded up to the next hour so the newest backup is inside). */
export function windowFor(zoom: Zoom, end?: string | Date | null, now = new Date()): TimeWindow {
  const parsed = end ? new Date(end) : null;
  const to = parsed && Number.isFinite(parsed.getTime()) ? parsed : new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  return { zoom, from: new Date(to.getTime() - ZOOM_SPAN_MS[zoom]), to };
}

/** The windows one span earlier and later (the later one is null when it would start in the future). */
export function neighbours(w: TimeWindow, now = new Date()): { prev: Date; next: Date | null } {
  const span = ZOOM_SPAN_MS[w.zoom];
  const next = new Date(w.to.getTime() + span);
  return { prev: new Date(w.to.getTime() - span), next: w.to.getTime() >= now.getTime() ? null : next };
}

/** The same end, another zoom: zooming in on a bucket uses its end. */
export function zoomIn(z: Zoom): Zoom | null {
  const i = ZOOMS.indexOf(z);
  return i > 0 ? ZOOMS[i - 1] : null;
}

/** 0..1 across the window; outside values are clamped so a mark never leaves the chart. */
export function placeX(t: Date | number, w: TimeWindow): number {
  const ms = typeof t === "number" ? t : t.getTime();
  const f = (ms - w.from.getTime()) / (w.to.getTime() - w.from.getTime());
  return Math.min(1, Math.max(0, f));
}

/** Tick marks at round UTC times inside the window, with their labels. */
export function ticks(w: TimeWindow): { at: Date; label: string }[] {
  const step = TICK_MS[w.zoom];
  const out: { at: Date; label: string }[] = [];
  const first = w.zoom === "year" ? firstOfNextMonth(w.from) : Math.ceil(w.from.getTime() / step) * step;
  for (let t = first; t <= w.to.getTime(); t = w.zoom === "year" ? firstOfNextMonth(new Date(t)) : t + step) {
    out.push({ at: new Date(t), label: tickLabel(new Date(t), w.zoom) });
  }
  return out;
}

function firstOfNextMonth(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function tickLabel(d: Date, zoom: Zoom): string {
  const hhmm = `${String(d.getUTCHours()).padStart(2, "0")}:00`;
  if (zoom === "day") return hhmm;
  if (zoom === "year") return d.getUTCMonth() === 0 ? `${MONTHS[0]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Bucket width for a dense window: BUCKETS equal slices. */
export function bucketMs(w: TimeWindow): number {
  return Math.ceil((w.to.getTime() - w.from.getTime()) / BUCKETS);
}

/** The window's title: "14 Nov – 21 Nov 2026 (UTC)". */
export function windowLabel(w: TimeWindow): string {
  const f = (d: Date, year: boolean) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year ? ` ${d.getUTCFullYear()}` : ""}`;
  if (w.zoom === "day") return `${f(w.from, true)} ${String(w.from.getUTCHours()).padStart(2, "0")}:00 – ${f(w.to, true)} ${String(w.to.getUTCHours()).padStart(2, "0")}:00 UTC`;
  return `${f(w.from, w.from.getUTCFullYear() !== w.to.getUTCFullYear())} – ${f(w.to, true)} (UTC)`;
}
