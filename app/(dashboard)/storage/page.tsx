import type { Metadata } from "next";
import {DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { listStorageTargets } from "@/lib/db/storage";

export const metadata: Metadata = { title: "Storage" };

export default async function StoragePage() {
  await requireRole("ADMIN");
  const targets = await listStorageTargets();
  return (
    <>
      <PageHeader title="Storage" description="Backup repositories: deduplicated, compressed and encrypted." />
      {targets.length === 0 ? (
        <EmptyState title="No storage targets" />
      ) : (
        <DataTable headers={["Name", "Kind", "Location", "Sources", "Backup sets"]}>
          {targets.map((t) => (
            <tr key={t.id}>
              <td className={`${tableClass.td} font-medium`}>{t.name}</td>
              <td className={tableClass.td}>{t.kind === "LOCAL" ? "Local directory" : "S3-compatible"}</td>
              <td className={`${tableClass.td} font-mono text-xs`}>{t.location}</td>
              <td className={`${tableClass.td} tabular-nums`}>{t._count.sources}</td>
              <td className={`${tableClass.td} tabular-nums`}>{t._count.backupSets}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
