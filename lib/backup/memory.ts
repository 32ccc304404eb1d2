// Keeps peak RSS flat while hundreds of MB stream through: prompt young-generation collections free dead Buffers.
import v8 from "node:v8";
import vm from "node:vm";

type Gc = (options?: { type?: "minor" | "major"; execution?: "sync" | "async" }) => void;

let gc: Gc | null | undefined;

function load(): Gc | null {
  try {
    // A row stream allocates ~30 000 short-lived Buffers per 235 MB; their memory sits outside the JS heap and
    // is released only when a scavenge finds their wrappers dead, which V8 may postpone by 100 MB or more.
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as Gc;
  } catch {
    return null;
  }
}

/** Call with the bytes just processed; runs a cheap minor GC about every `everyBytes`. */
export function memoryPacer(everyBytes = 32 << 20): (bytes: number) => void {
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < everyBytes) return;
    since = 0;
    if (gc === undefined) gc = load();
    gc?.({ type: "minor" });
  };
}
