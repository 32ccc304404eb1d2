// Imported first by the CLI: libuv sizes its thread pool on first use, so this must run before any async fs/crypto/zlib.
import os from "node:os";

// zstd, AES-GCM, HMAC and file writes all run on the pool; a few more threads than cores keeps I/O from starving them.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, os.availableParallelism() + 2));
