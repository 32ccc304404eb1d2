#!/usr/bin/env node
// Launcher for the `tidemark` bin: re-runs under the project's own Node 24 when the current Node is too old,
// then runs the CLI from its cached esbuild bundle (bin/cli-bundle.js), or through tsx's loader if it cannot be built.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const node = path.resolve(here, "..", "node_modules", "node", "bin", "node");
  const r = spawnSync(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  if (r.error) {
    process.stderr.write(`tidemark: needs Node >= 22.12 and could not start ${node}: ${r.error.message}\n`);
    process.exit(1);
  }
  process.exit(r.status ?? 128 + (os.constants.signals[r.signal] ?? 0));
}
// Same settings as bin/cli/process-setup.ts, applied here before the bundle's shared chunks or tsx touch the libuv pool.
process.env.UV_THREADPOOL_SIZE ??= String(Math.max(4, os.availableParallelism() + 2));
const { cliBundle } = await import("./cli-bundle.js");
const forceTsx = ["1", "true"].includes(process.env.TIDEMARK_CLI_TSX ?? "");
const bundle = forceTsx ? null : await cliBundle(path.resolve(here, "..")).catch(() => null);
if (bundle) {
  // Stack traces (printed under TIDEMARK_DEBUG=1) then name the TypeScript sources instead of the bundle's chunks.
  if (process.env.TIDEMARK_DEBUG === "1") process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./tidemark.ts");
}
