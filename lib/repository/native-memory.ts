// Releases zstd's native memory promptly: Node frees a zstd context only when its JS handle is garbage-collected.
import v8 from "node:v8";
import vm from "node:vm";

type Gc = (options?: { type?: "minor" | "major"; execution?: "sync" | "async" }) => void;

/**
 * Each zlib.zstdCompress/zstdDecompress call owns a native context (window buffer, hash tables, a copy of
 * the dictionary: 2–10 MB for a delta chunk) that Node releases only when the handle object is collected.
 * The JS heap stays tiny while this happens, so V8 sees no reason to collect: measured, 120 delta
 * compressions grew RSS by ~700 MB. A major GC after every ~48 MB of zstd work once RSS passes 250 MB
 * keeps it bounded (collecting every 16 MB unconditionally cost ~1.8 s of main thread per incremental).
 * Exposing gc at run time is the documented V8 flag route.
 */
const BUDGET = 48 << 20;
let gc: Gc | null | undefined;
let pending = 0;

function load(): Gc | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as Gc;
  } catch {
    return null;
  }
}

/** Below this RSS, collections are not worth their main-thread time: let V8 decide. */
const RSS_CEILING = 250 << 20;

/** Records `bytes` of zstd work just finished (input + dictionary + output). */
export function noteNativeWork(bytes: number): void {
  pending += bytes;
  if (pending < BUDGET) return;
  pending = 0;
  if (process.memoryUsage.rss() < RSS_CEILING) return;
  if (gc === undefined) gc = load();
  gc?.({ type: "major" });
}
