import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/ui/primitives";
import { requireUser } from "@/lib/auth/session";
import { countSources } from "@/lib/db/sources";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requireUser();
  const sources = await countSources();
  return (
    <>
      <PageHeader title="Reports" description="Retention coverage and success over time, per source." />
      <EmptyState title="No backup history to report on yet">
        {sources} source(s) registered. Coverage and success charts fill in as backups complete.
      </EmptyState>
    </>
  );
}
