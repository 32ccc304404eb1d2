import type { Metadata } from "next";
import { AddStorageForm } from "@/components/storage/AddStorageForm";
import { StorageActions } from "@/components/storage/StorageActions";
import { Card, DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { listStorageUsage } from "@/lib/db/storage";
import { formatBytes, formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  await requireRole("ADMIN");
  const targets = await listStorageUsage();
  return (
    <>
      <PageHeader title="Storage" description="Backup repositories: deduplicated, compressed and encrypted. Each has its own passphrase; without it, its backups cannot be read. Sizes count the completed backups in Tidemark's catalog." />
      <div className="space-y-6">
        {targets.length === 0 ? (
          <EmptyState title="No storage targets">Add one below; then choose it on each source.</EmptyState>
        ) : (
          <DataTable testId="storage-table" headers={["Name", "Location", "Sources", "Backups", "Data backed up", "Stored", "Saving", <span key="a" className="sr-only">Actions</span>]}>
            {targets.map((t) => {
              const ratio = t.storedBytes > 0 ? t.logicalBytes / t.storedBytes : null;
              return (
                <tr key={t.id} data-testid={`storage-row-${t.name}`}>
                  <td className={tableClass.td}>
                    <div className="font-medium">{t.name}</div>
                    <div className="text-xs text-slate-500">{t.kind === "LOCAL" ? "Local directory" : "S3-compatible"} · since {formatUtc(t.createdAt).slice(0, 10)}</div>
                  </td>
                  <td className={`${tableClass.td} font-mono text-xs`}>{t.location}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{t.sources}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{t.backupSets.toLocaleString("en-US")}</td>
                  <td className={`${tableClass.td} tabular-nums`} title="What restoring every backup would give back">{formatBytes(t.logicalBytes)}</td>
                  <td className={`${tableClass.td} tabular-nums`} title="New chunks the backups wrote (after dedup and compression)">{formatBytes(t.storedBytes)}</td>
                  <td className={`${tableClass.td} tabular-nums`}>
                    {ratio ? <><span className="font-medium">{ratio.toFixed(1)}×</span><div className="text-xs text-slate-500">dedup + compression</div></> : "—"}
                  </td>
                  <td className={tableClass.td}><StorageActions id={t.id} name={t.name} backups={t.backupSets} sources={t.sources} /></td>
                </tr>
              );
            })}
          </DataTable>
        )}
        <Card title="Add a storage target">
          <AddStorageForm />
        </Card>
      </div>
    </>
  );
}
