import type { Metadata } from "next";
import {Badge, DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { hasRole } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { listSources } from "@/lib/db/sources";
import { BackUpNowButton } from "./BackUpNowButton";

export const metadata: Metadata = { title: "Sources" };

const ENGINE_LABEL = { POSTGRES: "PostgreSQL", MYSQL: "MySQL / MariaDB", SQLITE: "SQLite" } as const;

export default async function SourcesPage() {
  const user = await requireUser();
  const canRun = hasRole(user.role, "OPERATOR");
  const sources = await listSources();
  return (
    <>
      <PageHeader title="Sources" description="The databases Tidemark backs up." />
      {sources.length === 0 ? (
        <EmptyState title="No data sources registered" />
      ) : (
        <DataTable headers={["Name", "Engine", "Where", "Last backup", ...(canRun ? [<span key="actions" className="sr-only">Actions</span>] : [])]}>
          {sources.map((s) => (
            <tr key={s.id} data-testid={`source-row-${s.name}`}>
              <td className={tableClass.td}>
                <span className="font-medium">{s.name}</span> {s.demo ? <Badge tone="info">demo</Badge> : null}
              </td>
              <td className={tableClass.td}>{ENGINE_LABEL[s.engine]}</td>
              <td className={`${tableClass.td} font-mono text-xs`}>{s.displayTarget}</td>
              <td className={tableClass.td}>{s.lastBackupAt ? s.lastBackupAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : <Badge tone="warn">never</Badge>}</td>
              {canRun ? <td className={tableClass.td}><BackUpNowButton sourceId={s.id} sourceName={s.name} /></td> : null}
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
