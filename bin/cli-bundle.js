// The CLI runs from an esbuild bundle of bin/tidemark.ts, cached and rebuilt whenever one of its inputs changed.
// Loading TypeScript through tsx's loader cost ≈ 0.15–0.4 s of every command's start (a loader thread, one
// transform per file); the bundle loads in ≈ 0.1 s.
//
// Layout: <cache>/build-…/tidemark.js (+ split chunks for lazily loaded engines) and <cache>/current.json, which
// names the build and the SHA-1 of every input file (contents, not times: a deploy may keep old mtimes). Builds go
// into a new directory and current.json is replaced by rename, so concurrent CLI processes never see half a build.
// The cache is node_modules/.cache/tidemark-cli, or a per-user directory under the temp dir when that is read-only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";

/** Besides the sources esbuild reports: settings that change how they are bundled. */
const EXTRA_INPUTS = ["package.json", "tsconfig.json"];
/** A retired build stays this long for processes still loading its lazy chunks. */
const RETIRED_KEEP_MS = 3600_000;

/** Returns the bundle's entry file, building it first when it is missing or stale; null if it cannot be built. */
export async function cliBundle(root) {
  const caches = [path.join(root, "node_modules", ".cache", "tidemark-cli"), userCache(root)];
  for (const cache of caches) {
    const fresh = readFresh(root, path.join(cache, "current.json"));
    if (fresh) return fresh;
  }
  const cache = caches.find(writable);
  if (!cache) return null;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    return null;
  }
  return build(esbuild, root, cache);
}

async function build(esbuild, root, cache) {
  const dir = path.join(cache, `build-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`);
  const startedMs = Date.now();
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
    // Read only under TIDEMARK_DEBUG (bin/tidemark.js enables source maps there), so stacks name the .ts files.
    sourcemap: "linked",
    banner: { js: "// Built by bin/cli-bundle.js from bin/tidemark.ts; do not edit." },
  });
  const files = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith("node_modules/") && !f.includes(":")), ...EXTRA_INPUTS];
  const inputs = {};
  let editedDuringBuild = false;
  for (const file of files) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    // A file saved while esbuild ran may be newer than what it bundled: use this build once, record nothing.
    if (fs.statSync(full).mtimeMs >= startedMs - 5) editedDuringBuild = true;
    inputs[file] = sha1(full);
  }
  const entry = path.join(dir, "tidemark.js");
  if (editedDuringBuild) return entry;
  const current = path.join(cache, "current.json");
  const previous = readStamp(current);
  const temp = `${current}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(temp, JSON.stringify({ entry: path.relative(cache, entry), inputs }));
  fs.renameSync(temp, current);
  // The build that was current until now is retired from this moment: its mtime starts its grace period.
  if (previous?.entry) touch(path.dirname(path.join(cache, previous.entry)));
  removeRetiredBuilds(cache, dir);
  return entry;
}

function readStamp(current) {
  try {
    return JSON.parse(fs.readFileSync(current, "utf8"));
  } catch {
    return null;
  }
}

function readFresh(root, current) {
  const stamp = readStamp(current);
  if (!stamp?.inputs || !stamp.entry) return null;
  for (const [file, hash] of Object.entries(stamp.inputs)) {
    try {
      if (sha1(path.join(root, file)) !== hash) return null;
    } catch {
      return null;
    }
  }
  const entry = path.join(path.dirname(current), stamp.entry);
  return fs.existsSync(entry) ? entry : null;
}

function sha1(file) {
  return createHash("sha1").update(fs.readFileSync(file)).digest("hex");
}

/** For installs whose node_modules the user cannot write (e.g. a root-owned image run as another user). */
function userCache(root) {
  const user = typeof process.getuid === "function" ? process.getuid() : os.userInfo().username;
  const project = createHash("sha1").update(root).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `tidemark-cli-${user}`, project);
}

function writable(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function touch(dir) {
  try {
    const now = new Date();
    fs.utimesSync(dir, now, now);
  } catch {
    // Already removed by another process.
  }
}

/** Builds retired more than RETIRED_KEEP_MS ago go; the current one and younger retirees stay. */
function removeRetiredBuilds(cache, current) {
  const cutoff = Date.now() - RETIRED_KEEP_MS;
  for (const name of fs.readdirSync(cache)) {
    const p = path.join(cache, name);
    if (!name.startsWith("build-") || p === current) continue;
    try {
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
