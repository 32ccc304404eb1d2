import type { Metadata } from "next";
import { EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className={tableClass.table}>
            <thead>
              <tr>
                <th className={tableClass.th}>Name</th>
                <th className={tableClass.th}>Kind</th>
                <th className={tableClass.th}>Location</th>
                <th className={tableClass.th}>Sources</th>
                <th className={tableClass.th}>Backup sets</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {targets.map((t) => (
                <tr key={t.id}>
                  <td className={`${tableClass.td} font-medium`}>{t.name}</td>
                  <td className={tableClass.td}>{t.kind === "LOCAL" ? "Local directory" : "S3-compatible"}</td>
                  <td className={`${tableClass.td} font-mono text-xs`}>{t.location}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{t._count.sources}</td>
                  <td className={`${tableClass.td} tabular-nums`}>{t._count.backupSets}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
