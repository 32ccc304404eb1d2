// Timing helpers for the bench: run a shell command or the CLI as a child under /usr/bin/time -v, for wall time and peak RSS.
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";

export interface Measured {
  ms: number;
  /** Peak resident set size of the child, in bytes (from /usr/bin/time -v). */
  rss: number;
  /** User + system CPU seconds of the child and its children (not the database server's): unlike wall time,
   *  hardly affected by other load on a shared machine. */
  cpu: number;
  stdout: string;
}

export async function measure(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const timeFile = path.join(process.cwd(), "bench/.out", `time-${process.pid}-${Date.now()}.txt`);
  await fs.mkdir(path.dirname(timeFile), { recursive: true });
  const started = performance.now();
  const child = spawn("/usr/bin/time", ["-v", "-o", timeFile, command, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (d) => out.push(d));
  child.stderr.on("data", (d) => err.push(d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const ms = performance.now() - started;
  const time = await fs.readFile(timeFile, "utf8").catch(() => "");
  await fs.rm(timeFile, { force: true });
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${code}): ${Buffer.concat(err).toString().trim().slice(-500)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(time)?.[1] ?? 0);
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(time)?.[1] ?? 0);
  const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(time)?.[1] ?? 0);
  return { ms, rss: kb * 1024, cpu: user + sys, stdout: Buffer.concat(out).toString() };
}

export const sh = (script: string, env?: NodeJS.ProcessEnv) => measure("bash", ["-o", "pipefail", "-c", script], env);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export const dirBytes = async (dir: string) => Number((await sh(`du -sb ${dir} | cut -f1`)).stdout.trim());

const CLI = path.resolve(import.meta.dirname, "../bin/tidemark.js");

/** Runs the tidemark CLI as a user would (`node bin/tidemark.js … --json`), measured. */
export function tidemarkRunner(env: NodeJS.ProcessEnv) {
  return (args: string[], extra: Record<string, string> = {}) => measure(process.execPath, [CLI, ...args, "--json"], { ...env, ...extra });
}

/** After the data was mutated: one incremental backup into each run's repository. */
export async function incrementalBackups(
  figures: { incremental?: Measured; incrementalAdded?: number }[],
  tidemark: ReturnType<typeof tidemarkRunner>,
  url: string,
  outDir: string,
  log: (line: string) => void,
): Promise<void> {
  for (const [r, f] of figures.entries()) {
    const repo = path.join(outDir, `repo-${r}`);
    f.incremental = await tidemark(["backup", "--url", url, "--repo", repo, "--type", "incremental"]);
    f.incrementalAdded = JSON.parse(f.incremental.stdout).stats.bytesStored;
    log(`  incremental ${secs(f.incremental.ms)}, added ${mb(f.incrementalAdded!)}; repo ${mb(await dirBytes(repo))}`);
  }
}

/** Prints rows (the first is the header) as a Markdown table, headed by how many runs the medians cover. */
export function printTable(rows: string[][], runs: number): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const text = [line(rows[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
  process.stdout.write(`\n${runs === 1 ? "1 run" : `median of ${runs} runs`}\n${text}\n`);
}
