// The CLI's commands: each parses nothing itself, takes parsed options, prints one result (text or --json).
import { pipeline } from "node:stream/promises";
import { backup } from "../../lib/backup/backup";
import { exportSql } from "../../lib/backup/export-sql";
import type { RetentionPolicy } from "../../lib/backup/retention";
import { restore } from "../../lib/backup/restore";
import { verify } from "../../lib/backup/verify";
import { diffSnapshots, type Value } from "../../lib/diff/diff";
import { valueText } from "../../lib/diff/display";
import { diffLive } from "../../lib/diff/live";
import { connectorFor, redactUrl, restoreTargetFor, sourceOf } from "../../lib/engine/connect";
import type { BackupType } from "../../lib/repository/manifest";
import { RepositoryNotFoundError } from "../../lib/repository/errors";
import { removeLocks } from "../../lib/repository/locks";
import { storageFor } from "../../lib/repository/open";
import { Repository } from "../../lib/repository/repository";
import { bytes, count, duration, progressBar } from "./format";
import { CliError, readPassphrase } from "./passphrase";

export interface Options {
  repo?: string;
  url?: string;
  type?: string;
  tables?: string;
  mode?: string;
  format?: string;
  json?: boolean;
  all?: boolean;
  "keep-last"?: string;
  "keep-hourly"?: string;
  "keep-daily"?: string;
  "keep-weekly"?: string;
  "keep-monthly"?: string;
  "keep-yearly"?: string;
  "dry-run"?: boolean;
  prune?: boolean;
  tz?: string;
  live?: string;
  positionals: string[];
  signal: AbortSignal;
}

const out = (line: string) => process.stdout.write(line + "\n");
const printJson = (value: unknown) => out(JSON.stringify(value, null, 2));

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === "") throw new CliError(`Missing ${what}`);
  return value;
}

async function openRepo(o: Options): Promise<Repository> {
  const storage = storageFor(need(o.repo, "--repo <dir>"));
  // Say that the repository is missing before asking for its passphrase.
  if (!(await storage.exists("config"))) throw new RepositoryNotFoundError(storage.location);
  return Repository.open(storage, await readPassphrase());
}

const tableList = (o: Options) => (o.tables ? o.tables.split(",").map((t) => t.trim()).filter(Boolean) : undefined);

export async function repoInit(o: Options): Promise<void> {
  const storage = storageFor(need(o.repo, "--repo <dir>"));
  const repo = await Repository.init(storage, await readPassphrase({ confirm: true }));
  if (o.json) printJson({ id: repo.id, location: storage.location });
  else out(`Created repository ${repo.id} at ${storage.location}\nKeep the passphrase safe: without it the backups cannot be read.`);
}

export async function backupCmd(o: Options): Promise<void> {
  const url = need(o.url, "--url <database url>");
  const type = (o.type ?? "full") as BackupType;
  if (!["full", "incremental", "differential"].includes(type)) throw new CliError(`--type must be full, incremental or differential (got ${type})`);
  // The engine's code loads while the repository key is derived (scrypt runs on the libuv pool).
  const connector = connectorFor(url);
  connector.preload();
  const repo = await openRepo(o);
  const bar = progressBar(!o.json && Boolean(process.stderr.isTTY));
  try {
    const r = await backup({ connector, repo, type, tables: tableList(o), source: sourceOf(url), onProgress: bar.update, signal: o.signal });
    bar.clear();
    for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
    const m = r.manifest;
    const rows = m.tables.reduce((n, t) => n + t.rows, 0);
    if (o.json) printJson({ snapshot: m.id, type: m.type, parent: m.parent, source: m.source, consistentAt: m.consistentAt, tables: m.tables.length, rows, stats: m.stats, warnings: r.warnings });
    else {
      out(`Snapshot ${m.id} (${m.type}) of ${m.source.identity}, consistent at ${m.consistentAt}`);
      out(`  ${m.tables.length} tables, ${count(rows)} rows, ${bytes(m.stats.bytesRead)} read; ${m.stats.chunksStored}/${m.stats.chunks} chunks stored (${m.stats.deltaChunks} as deltas), ${bytes(m.stats.bytesStored)} added, in ${duration(m.stats.durationMs)}`);
    }
  } finally {
    bar.clear();
    await connector.close();
  }
}

export async function snapshotsCmd(o: Options): Promise<void> {
  const repo = await openRepo(o);
  const all = await repo.listSnapshots();
  if (o.json) {
    printJson(all.map((m) => ({ id: m.id, createdAt: m.createdAt, consistentAt: m.consistentAt, type: m.type, parent: m.parent, source: m.source, partial: m.partial, tables: m.tables.map((t) => ({ table: `${t.ref.schema ? t.ref.schema + "." : ""}${t.ref.name}`, rows: t.rows, bytes: t.bytes, chunks: t.chunks.length })), stats: m.stats })));
    return;
  }
  if (!all.length) {
    out("No snapshots yet.");
    return;
  }
  const rows = all.map((m) => [m.id, m.consistentAt.replace("T", " ").slice(0, 19), m.type, m.source.identity, String(m.tables.length), count(m.tables.reduce((n, t) => n + t.rows, 0)), bytes(m.stats.bytesRead), bytes(m.stats.bytesStored)]);
  const head = ["ID", "CONSISTENT AT (UTC)", "TYPE", "SOURCE", "TABLES", "ROWS", "SIZE", "ADDED"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) out(r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd());
}

export async function restoreCmd(o: Options): Promise<void> {
  const snapshot = need(o.positionals[0], "snapshot id (tidemark restore <snapshot> …)");
  const url = need(o.url, "--url <target database url>");
  const mode = o.mode ?? "new";
  if (mode !== "new" && mode !== "replace") throw new CliError(`--mode must be new or replace (got ${mode})`);
  const { connector, target } = restoreTargetFor(url, mode);
  connector.preload();
  const repo = await openRepo(o);
  const bar = progressBar(!o.json && Boolean(process.stderr.isTTY));
  try {
    const r = await restore({ repo, snapshotId: snapshot, connector, target, tables: tableList(o), onProgress: bar.update, signal: o.signal });
    bar.clear();
    for (const n of r.notices) process.stderr.write(`notice: ${n}\n`);
    if (o.json) printJson({ snapshot: r.manifest.id, target: redactUrl(url), mode, verified: r.verified, mismatched: r.mismatched, tables: r.tables, durationMs: r.durationMs, loadMs: r.loadMs, notices: r.notices });
    else {
      const rows = r.tables.reduce((n, t) => n + t.rows, 0);
      out(`Restored snapshot ${r.manifest.id} into ${redactUrl(url)}: ${r.tables.length} tables, ${count(rows)} rows in ${duration(r.durationMs)} — ${r.verified ? "verified" : "NOT verified"}`);
    }
    if (!r.verified) throw new CliError(`Restored data differs from the snapshot in ${r.mismatched.join(", ")}`);
  } finally {
    bar.clear();
    await connector.close();
  }
}

export async function verifyCmd(o: Options): Promise<void> {
  const which = o.all ? "all" : need(o.positionals[0], "snapshot id or --all");
  const repo = await openRepo(o);
  const bar = progressBar(!o.json && Boolean(process.stderr.isTTY));
  const r = await verify(repo, which, { onProgress: bar.update, signal: o.signal });
  bar.clear();
  if (o.json) printJson(r);
  else if (r.ok) out(`OK: ${r.snapshots.length} snapshot(s), ${r.tablesChecked} tables, ${r.chunksChecked} chunks (${bytes(r.bytesChecked)}) verified`);
  if (!r.ok) {
    if (!o.json) for (const p of r.problems) process.stderr.write(`snapshot ${p.snapshot}, table ${p.table}: ${p.message}\n`);
    throw new CliError(`Verification failed: ${r.problems.length} problem(s); first: ${r.problems[0].message}`);
  }
}

export async function exportCmd(o: Options): Promise<void> {
  const snapshot = need(o.positionals[0], "snapshot id (tidemark export <snapshot> …)");
  if ((o.format ?? "sql") !== "sql") throw new CliError(`Only --format sql is supported (got ${o.format})`);
  const repo = await openRepo(o);
  await pipeline(exportSql(repo, snapshot), process.stdout);
}

const keyText = (key: Record<string, Value>, types: Record<string, string>) =>
  Object.entries(key)
    .map(([k, v]) => `${k}=${valueText(v, types[k], 60)}`)
    .join(", ");

/** `diff <snap> <snap>` or `diff <snap> --live <db-url>`: per-table counts and a few sample rows, or everything with --json. */
export async function diffCmd(o: Options): Promise<void> {
  const [a, b] = o.positionals;
  if (o.live) need(a, "a snapshot id (tidemark diff <snapshot> --live <db-url> …)");
  else need(b, "two snapshot ids, or one and --live <db-url> (tidemark diff <snapshot> (<snapshot> | --live <db-url>) …)");
  const repo = await openRepo(o);
  const from = await repo.resolveSnapshot(a);
  const sampleSize = o.json ? 20 : 3;
  let d;
  if (o.live) {
    const connector = connectorFor(o.live);
    try {
      d = await diffLive(repo, from, connector, { sampleSize, signal: o.signal, tables: tableList(o) });
    } finally {
      await connector.close();
    }
  } else {
    d = await diffSnapshots(repo, from, await repo.resolveSnapshot(b), { sampleSize, signal: o.signal, tables: tableList(o) });
  }
  if (o.json) {
    printJson(d);
    return;
  }
  const to = d.to === "live" ? `live ${redactUrl(o.live!)}` : d.to;
  out(`Snapshot ${from} → ${to}: ${d.chunksRead} chunks read, ${d.chunksSkipped} skipped as unchanged`);
  for (const t of d.tables) {
    if (t.status === "unchanged") continue;
    out(`${t.status.padEnd(8)} ${t.table}: +${count(t.rowsAdded)} -${count(t.rowsRemoved)} ~${count(t.rowsChanged)} rows`);
    for (const n of t.notes) out(`    note: ${n}`);
    const types = t.columnTypes;
    for (const r of t.samples.added) out(`    + ${keyText(r.key, types)}`);
    for (const r of t.samples.removed) out(`    - ${keyText(r.key, types)}`);
    for (const r of t.samples.changed) out(`    ~ ${keyText(r.key, types)}: ${r.changes.map((c) => `${c.column} ${valueText(c.from, types[c.column], 60)} → ${valueText(c.to, types[c.column], 60)}`).join("; ")}`);
  }
  const unchanged = d.tables.filter((t) => t.status === "unchanged").length;
  if (unchanged) out(`${unchanged} table(s) unchanged`);
  for (const s of d.schema) out(`schema ${s.change} ${s.kind} ${s.schema ? s.schema + "." : ""}${s.name}\n${s.diff.replace(/^/gm, "    ")}`);
}

export async function unlockCmd(o: Options): Promise<void> {
  const storage = storageFor(need(o.repo, "--repo <dir>"));
  await openRepo(o); // only someone with the passphrase may remove locks
  const removed = await removeLocks(storage, { all: o.all });
  if (o.json) printJson(removed);
  else if (!removed.length) out("No stale locks.");
  else for (const l of removed) out(`Removed ${l.state} lock of pid ${l.info.pid} on ${l.info.host} (${l.info.command}, since ${l.info.startedAt})`);
}

function keepCount(o: Options, rule: "last" | "hourly" | "daily" | "weekly" | "monthly" | "yearly"): number {
  const raw = o[`keep-${rule}`];
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < -1) throw new CliError(`--keep-${rule} takes a whole number (or -1 for every period), got ${raw}`);
  return n;
}

export async function forgetCmd(o: Options): Promise<void> {
  // Retention validates with zod (≈ 100 ms to load): only `forget` pays for it.
  const [{ forget }, { isEmptyPolicy }] = await Promise.all([import("../../lib/backup/forget"), import("../../lib/backup/retention")]);
  const policy: RetentionPolicy = {
    last: keepCount(o, "last"),
    hourly: keepCount(o, "hourly"),
    daily: keepCount(o, "daily"),
    weekly: keepCount(o, "weekly"),
    monthly: keepCount(o, "monthly"),
    yearly: keepCount(o, "yearly"),
  };
  const named = o.positionals;
  if (named.length && (!isEmptyPolicy(policy) || o.url)) throw new CliError("Name snapshots or give keep rules (with --url), not both");
  if (!named.length && isEmptyPolicy(policy)) throw new CliError("Give at least one --keep-last/--keep-hourly/--keep-daily/--keep-weekly/--keep-monthly/--keep-yearly rule, or name the snapshots to forget: forgetting without one would remove everything");
  const repo = await openRepo(o);
  const dryRun = Boolean(o["dry-run"]);
  const r = await forget(repo, { ...(named.length ? { snapshots: named } : { policy }), dryRun, prune: o.prune, timeZone: o.tz ?? "UTC", sourceIdentity: o.url ? sourceOf(o.url).identity : undefined, signal: o.signal });
  if (o.json) {
    printJson(r);
    return;
  }
  const when = (iso: string) => iso.replace("T", " ").slice(0, 19);
  for (const k of r.kept) out(`keep    ${k.id}  ${when(k.createdAt)}  ${k.source}  (${k.reasons.join(", ")})`);
  for (const f of r.forgotten) out(`${dryRun ? "would forget" : "forget "} ${f.id}  ${when(f.createdAt)}  ${f.source}`);
  out(`${r.kept.length} kept, ${r.forgotten.length} ${dryRun ? "would be forgotten" : "forgotten"}.`);
  if (r.prune) {
    const p = r.prune;
    out(`Prune: ${p.removed.length} of ${p.chunksBefore} chunks ${dryRun ? "would be removed" : "removed"}, ${p.chunksKept} kept.`);
    if (p.missing.length) throw new CliError(`${p.missing.length} chunk(s) that kept snapshots need are missing: run \`tidemark verify --all\``);
  } else if (!dryRun && r.forgotten.length) out("Run with --prune to free the space of chunks no kept snapshot needs.");
}
