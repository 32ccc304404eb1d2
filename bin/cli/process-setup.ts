// Imported first by the CLI: process-wide settings that only work before the first async work or allocation burst.
import os from "node:os";

// libuv sizes its thread pool on first use. zstd, AES-GCM, HMAC and file writes all run on it; a few more
// threads than cores keeps file I/O from starving them.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, os.availableParallelism() + 2));
