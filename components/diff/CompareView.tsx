"use client";
// The result of a compare job: a one-line summary, per-table counts, schema changes and paged rows.
import { useState } from "react";
import { Card } from "@/components/ui/primitives";
import type { DiffKind, SnapshotDiff } from "@/lib/diff/types";
import { countOf, formatUtc } from "@/lib/format";
import { DiffRowsPager, type RowKind } from "./DiffRowsPager";
import { DiffTablesTable, firstSelection } from "./DiffTablesTable";
import { JobProgressLine } from "./JobProgressLine";
import { SchemaChanges } from "./SchemaChanges";
import { useJob } from "./useJob";

/** A diff job's result (lib/jobs/handlers/diff.ts DiffJobResult) as far as this page reads it. */
type CompareResult = SnapshotDiff & { rowCap: number; capped?: { table: string; kind: DiffKind }[] };

const sum = (d: SnapshotDiff, f: (t: SnapshotDiff["tables"][number]) => number) => d.tables.reduce((n, t) => n + f(t), 0);

export function diffSummary(d: SnapshotDiff): string {
  const changedTables = d.tables.filter((t) => t.status !== "unchanged").length;
  if (!changedTables && !d.schema.length) return "No differences: every table holds the same rows and the schema is the same.";
  const added = sum(d, (t) => t.rowsAdded);
  const rows = `${added.toLocaleString("en")} row${added === 1 ? "" : "s"} added, ${sum(d, (t) => t.rowsRemoved).toLocaleString("en")} removed, ${sum(d, (t) => t.rowsChanged).toLocaleString("en")} changed`;
  return `${changedTables} of ${countOf(d.tables.length, "table")} ${changedTables === 1 ? "differs" : "differ"}: ${rows}; ${d.schema.length} schema object${d.schema.length === 1 ? "" : "s"} changed.`;
}

export function CompareView({ jobId, live }: { jobId: string; live: boolean }) {
  const { data: job, error } = useJob<CompareResult>(jobId);
  const [picked, setPicked] = useState<{ table: string; kind: RowKind } | null>(null);
  if (error) return <p role="alert" className="text-sm text-rose-700">Cannot load the comparison: {error.message}</p>;
  if (!job || job.status !== "SUCCEEDED" || !job.result) {
    return (
      <Card title="Comparing…">
        <JobProgressLine job={job} label="Comparison progress" />
      </Card>
    );
  }
  const d = job.result;
  const differing = d.tables.filter((t) => t.status !== "unchanged");
  const selected = picked ?? firstSelection(differing);
  const selectedTable = selected ? d.tables.find((t) => t.table === selected.table) : undefined;
  const skipped = d.chunksRead + d.chunksSkipped > 0 ? Math.round((100 * d.chunksSkipped) / (d.chunksRead + d.chunksSkipped)) : null;

  return (
    <div className="space-y-4">
      <p className="rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800" data-testid="diff-summary">
        {diffSummary(d)}
        <span className="block text-xs text-slate-500">
          {live ? `Live database read at ${formatUtc(job.finishedAt, { seconds: true })}. ` : ""}
          {skipped != null ? `${skipped} % of the data was identical and skipped without decoding.` : ""}
        </span>
      </p>
      <Card title={`Tables (${differing.length} differ, ${d.tables.length - differing.length} identical)`}>
        {differing.length ? <p className="mb-2 text-xs text-slate-500">Choose a count to see those rows below.</p> : null}
        {differing.length ? <DiffTablesTable tables={differing} selected={selected} onSelect={setPicked} /> : <p className="text-sm text-slate-600">Every table holds the same rows on both sides.</p>}
      </Card>
      {selected && selectedTable ? (
        <Card title={<>Rows {selected.kind} in <span className="font-mono">{selected.table}</span> {selected.kind === "changed" ? "(changed columns highlighted: old → new)" : ""}</>}>
          {d.capped?.some((c) => c.table === selected.table && c.kind === selected.kind) ? (
            <p className="mb-2 text-xs text-amber-700 dark:text-amber-300">Only the first {d.rowCap.toLocaleString("en")} of these rows were kept for browsing; the counts above are complete.</p>
          ) : null}
          <DiffRowsPager key={`${selected.table}/${selected.kind}`} jobId={jobId} table={selected.table} kind={selected.kind} keyColumns={selectedTable.keyColumns} />
        </Card>
      ) : null}
      <Card title={`Schema changes (${d.schema.length})`}>
        <SchemaChanges changes={d.schema} />
      </Card>
    </div>
  );
}
