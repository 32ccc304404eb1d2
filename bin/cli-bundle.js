// The CLI runs from an esbuild bundle of bin/tidemark.ts, cached under node_modules/.cache/tidemark-cli and
// rebuilt whenever one of its source files changed. Loading TypeScript through tsx's loader cost ≈ 0.35 s of
// every command's start (a loader thread, one transform per file); the bundle loads in ≈ 0.1 s.
//
// Layout: <cache>/<hash>/tidemark.js (+ split chunks for lazily loaded engines) and <cache>/current.json,
// which names the build directory and the size and mtime of every input file. Builds go into a new directory
// and current.json is replaced by rename, so concurrent CLI processes never see half a build.
import fs from "node:fs";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";

/** Returns the bundle's entry file, building it first when it is missing or stale; null if it cannot be built. */
export async function cliBundle(root) {
  const cache = path.join(root, "node_modules", ".cache", "tidemark-cli");
  const current = path.join(cache, "current.json");
  const fresh = readFresh(root, current);
  if (fresh) return fresh;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  const dir = path.join(cache, `build-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { tidemark: "bin/tidemark.ts" },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    packages: "external",
    metafile: true,
    logLevel: "silent",
    // Stack traces of unexpected errors still point into the TypeScript sources.
    sourcemap: "linked",
    banner: { js: "// Built by bin/cli-bundle.js from bin/tidemark.ts; do not edit." },
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    if (file.startsWith("node_modules/") || file.includes(":")) continue;
    const st = fs.statSync(path.join(root, file));
    inputs[file] = [st.size, st.mtimeMs];
  }
  const entry = path.join(dir, "tidemark.js");
  const stamp = JSON.stringify({ entry: path.relative(cache, entry), inputs, id: hashOf(inputs) });
  const temp = `${current}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temp, stamp);
  fs.renameSync(temp, current);
  removeOldBuilds(cache, dir);
  return entry;
}

function readFresh(root, current) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(current, "utf8"));
  } catch {
    return null;
  }
  for (const [file, [size, mtimeMs]] of Object.entries(stamp.inputs)) {
    let st;
    try {
      st = fs.statSync(path.join(root, file));
    } catch {
      return null;
    }
    if (st.size !== size || st.mtimeMs !== mtimeMs) return null;
  }
  const entry = path.join(path.dirname(current), stamp.entry);
  return fs.existsSync(entry) ? entry : null;
}

function hashOf(inputs) {
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 16);
}

/** Builds older than an hour are removed; a younger one may still be loading chunks in another process. */
function removeOldBuilds(cache, keep) {
  const hourAgo = Date.now() - 3600_000;
  for (const name of fs.readdirSync(cache)) {
    const p = path.join(cache, name);
    if (!name.startsWith("build-") || p === keep) continue;
    try {
      if (fs.statSync(p).mtimeMs < hourAgo) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
