// Ages and upcoming times in the words lists use ("3 h 5 min", "Sun 22 Nov 02:00 UTC").
/** "3 h 5 min", "2 d 4 h", "45 s": coarse ages for lists. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "Sat 21 Nov 16:05 UTC" — dates in lists, always with their zone. */
export function formatWhen(d: Date, timeZone = "UTC"): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
  return `${parts.replace(",", "")} ${timeZone === "UTC" ? "UTC" : timeZone}`;
}
