// Progress reporting shared by backup, restore and verify: one shape, throttled to a few callbacks per second.

export interface Progress {
  phase: "schema" | "rows" | "manifest" | "load" | "post-data" | "verify" | "done";
  table?: string;
  rowsDone: number;
  rowsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export type ProgressFn = (p: Progress) => void;

/** Calls `fn` at most every `intervalMs`, except for phase changes and `force`, which always go through. */
export function throttle(fn: ProgressFn | undefined, intervalMs = 250): (p: Progress, force?: boolean) => void {
  let last = 0;
  let lastPhase = "";
  return (p, force) => {
    if (!fn) return;
    const now = Date.now();
    if (!force && p.phase === lastPhase && now - last < intervalMs) return;
    last = now;
    lastPhase = p.phase;
    fn({ ...p });
  };
}

export function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new BackupCancelledError();
}

export class BackupCancelledError extends Error {
  constructor(message = "Cancelled") {
    super(message);
    this.name = "BackupCancelledError";
  }
}
