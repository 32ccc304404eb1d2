// Imported first by the CLI: process-wide settings that only work before the first async work or allocation burst.
import os from "node:os";

// libuv sizes its thread pool on first use. zstd, AES-GCM, HMAC and file writes all run on it; a few more
// threads than cores keeps file I/O from starving them.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, os.availableParallelism() + 2));

// node:sqlite (loaded by the SQLite connector) announces itself as experimental on every run; a CLI whose
// failures are one line on stderr should not print that on every success. Other warnings still show.
process.removeAllListeners("warning");
process.on("warning", (w) => {
  if (w.name === "ExperimentalWarning" && /SQLite/i.test(w.message)) return;
  process.stderr.write(`${w.name}: ${w.message}\n`);
});
