import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackupActions } from "@/components/backups/BackupActions";
import { BACKUP_TYPE_LABEL, BackupMarkers, VerificationBadge } from "@/components/backups/BackupBadges";
import { Badge, buttonClass, Card, DataTable, PageHeader, tableClass } from "@/components/ui/primitives";
import { canRestore } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getBackupSetDetails, previousBackupSet } from "@/lib/db/backup-sets";
import { copiesOfBackupSets } from "@/lib/db/copies";
import { drillServersFor, listPolicies } from "@/lib/db/policies";
import { countOf, formatBytes, formatDuration, formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Backup" };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

export default async function BackupPage({ params }: { params: Promise<{ id: string; backupId: string }> }) {
  const user = await requireUser();
  const { id: sourceId, backupId } = await params;
  const set = await getBackupSetDetails(backupId, sourceId);
  if (!set) notFound();
  const operator = canRestore(user.role);
  const [previous, places, drillServers, policies] = await Promise.all([
    set.consistentAt ? previousBackupSet(sourceId, set.consistentAt) : null,
    copiesOfBackupSets([set.id]).then((all) => all[set.id] ?? []),
    operator ? drillServersFor(sourceId) : null,
    operator ? listPolicies(sourceId) : [],
  ]);
  // A manual drill runs where the source's policy sends its drills (an enabled policy first), unless the user picks otherwise.
  const policyHost = [...policies].sort((a, b) => Number(b.enabled) - Number(a.enabled)).find((p) => p.drillOnSourceId)?.drillOnSourceId;
  const preferredHost = drillServers?.some((s) => s.id === policyHost) ? policyHost! : "";
  const base = `/sources/${sourceId}`;
  const changedTables = set.tables.filter((t) => t.changed).length;
  const ratio = Number(set.logicalBytes) > 0 ? Number(set.storedBytes) / Number(set.logicalBytes) : null;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        <Link className="underline" href="/sources">Sources</Link> / <Link className="underline" href={base}>{set.source.name}</Link> / backup
      </nav>
      <PageHeader
        title={`Backup of ${set.source.name} at ${formatUtc(set.consistentAt, { seconds: true })}`}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone="info">{BACKUP_TYPE_LABEL[set.type]}</Badge>
            <Badge tone={set.status === "COMPLETED" ? "good" : set.status === "FAILED" ? "bad" : "neutral"}>{set.status.toLowerCase()}</Badge>
            <VerificationBadge state={set.verification} at={set.verifiedAt} />
            <BackupMarkers pinned={set.pinned} preRestore={set.preRestore} />
          </span>
        }
        actions={
          <>
            {operator && set.status === "COMPLETED" ? <Link className={buttonClass.primary} href={`${base}/restore?backup=${set.id}`}>Restore…</Link> : null}
            {previous ? <Link className={buttonClass.secondary} href={`${base}/compare?from=${previous.id}&to=${set.id}`}>Compare with previous</Link> : null}
            {operator ? <Link className={buttonClass.secondary} href={`${base}/compare?from=${set.id}&to=live`}>Compare with live</Link> : null}
          </>
        }
      />
      {set.preRestore ? (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
          Tidemark took this backup automatically just before an in-place restore replaced the data. Restore it in place to undo that restore.
        </p>
      ) : null}

      <Card title="This backup" className="mb-4">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Consistent at (the data is as of)">{formatUtc(set.consistentAt, { seconds: true })}</Fact>
          <Fact label="Took">{set.durationMs != null ? formatDuration(set.durationMs / 1000) : "—"}{set.startedAt ? ` · started ${formatUtc(set.startedAt)}` : ""}</Fact>
          <Fact label="Rows / tables"><span className="tabular-nums">{countOf(Number(set.rowCount), "row")} in {countOf(set.tableCount, "table")}</span></Fact>
          <Fact label="Size: data / newly stored">
            <span className="tabular-nums">{formatBytes(Number(set.logicalBytes))} / {formatBytes(Number(set.storedBytes))}</span>
            {ratio != null ? <span className="text-xs text-slate-500"> ({Math.round(ratio * 100)} % new after dedup and compression)</span> : null}
          </Fact>
          <Fact label="Parent">
            {set.parent ? <Link className="underline" href={`${base}/backups/${set.parent.id}`}>{BACKUP_TYPE_LABEL[set.parent.type]} at {formatUtc(set.parent.consistentAt)}</Link> : "none (self-contained)"}
          </Fact>
          <Fact label="Position (WAL LSN / binlog)"><span className="font-mono text-xs">{set.position ?? "—"}</span></Fact>
          <Fact label="Pinned">{set.pinned ? "yes: retention never forgets it" : "no: retention policies apply"}</Fact>
          <Fact label={places.length > 1 ? `Stored in ${places.length} places` : "Stored in"}>
            <ul data-testid="backup-places">
              {places.map((p) => (
                <li key={p.storageTargetId}>
                  {p.name} <span className="font-mono text-xs text-slate-500">{p.location}</span>
                  {p.role === "copy" ? (
                    <span className="text-xs"> · copy{p.status === "COMPLETED" ? `, ${p.verification === "VERIFIED" ? "verified" : "not verified"}${p.at ? ` ${formatUtc(p.at)}` : ""}` : p.status === "RUNNING" ? ", copying…" : ", failed"}{p.error ? `: ${p.error}` : ""}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          </Fact>
          <Fact label="Snapshot id"><span className="font-mono text-xs">{set.snapshotId.slice(0, 12)}</span></Fact>
          <Fact label="Made by">{set.jobId ? <Link className="underline" href={`/jobs/${set.jobId}`}>its backup job (log)</Link> : "—"}</Fact>
        </dl>
        {operator ? (
          <div className="mt-4 border-t border-slate-100 pt-3 dark:border-slate-800">
            <BackupActions
              backupSetId={set.id}
              pinned={set.pinned}
              drillPlaces={places
                .filter((p) => p.role === "primary" || p.status === "COMPLETED")
                .map((p) => ({ storageTargetId: p.role === "primary" ? null : p.storageTargetId, label: `${p.name}${p.role === "primary" ? " (where it was written)" : " (copy)"}` }))}
              drillHosts={{ sourceName: set.source.name, others: drillServers ?? [], preferred: preferredHost }}
            />
          </div>
        ) : null}
      </Card>

      <DataTable
        testId="backup-tables"
        above={<p className="px-3 pt-3 text-sm text-slate-600 dark:text-slate-400">{countOf(set.tables.length, "table")}{set.parent ? `; ${changedTables} changed since the parent backup` : ""}.</p>}
        headers={["Table", "Rows", "Data", "Chunks", "Changed since parent"]}
      >
        {set.tables.map((t) => (
          <tr key={t.id}>
            <td className={`${tableClass.td} font-mono text-xs`}>{t.schemaName ? `${t.schemaName}.` : ""}{t.name}</td>
            <td className={`${tableClass.td} tabular-nums`}>{Number(t.rowCount).toLocaleString("en")}</td>
            <td className={`${tableClass.td} tabular-nums`}>{formatBytes(Number(t.bytes))}</td>
            <td className={`${tableClass.td} tabular-nums`}>{t.chunkCount}</td>
            <td className={tableClass.td}>{set.parent ? (t.changed ? <Badge tone="warn">changed</Badge> : <span className="text-slate-500">no</span>) : <span className="text-slate-500">— (no parent)</span>}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
