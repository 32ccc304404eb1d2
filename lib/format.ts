// Human units for sizes, rates and durations: shared by the pages, the job log and the CLI.
/** 1024-based, like pg_size_pretty: "1.5 KB", "235 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  let value = n;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(i && value < 10 ? 1 : 0)} ${units[i]}`;
}

/** "340 ms", "4.2 s", "42 s", "2 min 5 s", "3 h 2 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "2026-11-21 16:05 UTC" (with `seconds`: "2026-11-21 16:05:09 UTC"); "—" for no date. */
export function formatUtc(date: Date | string | null | undefined, { seconds = false } = {}): string {
  if (!date) return "—";
  const iso = (typeof date === "string" ? new Date(date) : date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)} UTC`;
}

/** "1 table", "3 tables", "1,204 rows": a count with its noun in the right number (English plural with -s). */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
}
