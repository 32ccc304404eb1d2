// Human formatting for the CLI: sizes, counts, durations, and the TTY progress bar.
import type { Progress } from "../../lib/backup/progress";
import { formatBytes as bytes, formatDuration } from "../../lib/format";

/** Milliseconds as a person reads them (the CLI measures in ms). */
export const duration = (ms: number) => formatDuration(ms / 1000);
export { bytes };

export function count(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** A one-line bar on stderr (only when it is a terminal): rows, bytes, speed, ETA. */
export function progressBar(enabled: boolean) {
  const started = Date.now();
  let shown = false;
  const update = (p: Progress) => {
    if (!enabled) return;
    const elapsed = (Date.now() - started) / 1000;
    const frac = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const width = 24;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    const speed = elapsed > 0 ? p.bytesDone / elapsed : 0;
    const eta = speed > 0 && frac < 1 ? `ETA ${duration(Math.round(((p.bytesTotal - p.bytesDone) / speed) * 1000))}` : "";
    const line = `${p.phase.padEnd(9)} ${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${count(p.rowsDone)}/${count(p.rowsTotal)} rows  ${bytes(p.bytesDone)}/${bytes(p.bytesTotal)}  ${bytes(speed)}/s  ${eta}  ${p.table ?? ""}`;
    process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
    shown = true;
  };
  const clear = () => {
    if (shown) process.stderr.write("\r\x1b[2K");
    shown = false;
  };
  return { update, clear };
}
