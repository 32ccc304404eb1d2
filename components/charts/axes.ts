// Tick and tooltip formatters shared by the charts (UTC, like every date on the dashboard).
import { formatBytes, formatDuration } from "@/lib/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11-21" or a timestamp → "21 Nov". */
export function shortDay(value: string | number): string {
  const d = typeof value === "number" ? new Date(value) : new Date(`${value}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** Ticks for a time axis: the day when the points span days, the time of day within two days (with seconds within two hours). */
export function timeTick(domain: number[]): (value: number) => string {
  const span = domain[1] - domain[0];
  if (span < 2 * 3600_000) return (v) => new Date(v).toISOString().slice(11, 19);
  return span < 2 * 24 * 3600_000 ? (v) => new Date(v).toISOString().slice(11, 16) : (v) => shortDay(v);
}

export function dayTime(value: number): string {
  return `${shortDay(value)} ${new Date(value).toISOString().slice(11, 16)} UTC`;
}

export const bytesTick = (v: number) => formatBytes(v);
export const msTick = (v: number) => formatDuration(v / 1000);

/** Distinct colours for per-source series; the legend and tooltip name each series too. */
export const SERIES_COLOURS = ["#1f8aa8", "#d97706", "#7c3aed", "#059669", "#db2777", "#475569", "#b91c1c", "#0d9488"];

export const axisStyle = { fontSize: 11, fill: "#64748b" };

/** Grid lines that read on a light and a dark page alike. */
export const gridStroke = { stroke: "#94a3b8", strokeOpacity: 0.35 };
