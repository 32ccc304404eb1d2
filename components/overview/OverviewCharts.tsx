// The overview's four charts, each with its title, units, empty state and a text table for screen readers.
import Link from "next/link";
import { ChartFrame } from "@/components/charts/ChartFrame";
import { OutcomesChart } from "@/components/charts/OutcomesChart";
import { SeriesChart, type Series } from "@/components/charts/SeriesChart";
import { StorageChart } from "@/components/charts/StorageChart";
import { formatBytes, formatDuration } from "@/lib/format";

export interface OverviewChartData {
  outcomes: { day: string; succeeded: number; failed: number }[];
  storage: { day: string; logicalBytes: number; storedBytes: number }[];
  durations: Series[];
  rto: Series[];
  failedDrills: number;
}

const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace("T", " ");
const seriesRows = (series: Series[]) => series.flatMap((s) => s.points.map((p) => [s.name, when(p.at), formatDuration(p.ms / 1000)]));

export function OverviewCharts({ data }: { data: OverviewChartData }) {
  const finished = data.outcomes.reduce((n, d) => n + d.succeeded + d.failed, 0);
  const storageEmpty = data.storage.every((p) => p.logicalBytes === 0);
  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
      <ChartFrame
        testId="chart-outcomes"
        title="Backups per day: succeeded vs failed"
        description="Backup jobs that ended each day, last 30 days (UTC). Failures are red and hatched."
        empty={finished === 0}
        emptyText="No backup has finished in the last 30 days. Run one from a source's page, or add a policy to schedule them."
        table={{ caption: "Backups per day", headers: ["Day", "Succeeded", "Failed"], rows: data.outcomes.filter((d) => d.succeeded || d.failed).map((d) => [d.day, d.succeeded, d.failed]) }}
      >
        <OutcomesChart data={data.outcomes} />
      </ChartFrame>
      <ChartFrame
        testId="chart-storage"
        title="Storage: logical vs stored"
        description="Size of all kept backups as plain dumps (logical) against what the repository actually holds after dedup and compression, last 90 days."
        empty={storageEmpty}
        emptyText="No completed backup yet, so nothing is stored."
        table={{ caption: "Storage at the end of each day", headers: ["Day", "Logical", "Stored"], rows: data.storage.filter((_, i, a) => i === a.length - 1 || a[i + 1].storedBytes !== a[i].storedBytes).map((p) => [p.day, formatBytes(p.logicalBytes), formatBytes(p.storedBytes)]) }}
      >
        <StorageChart data={data.storage} />
      </ChartFrame>
      <ChartFrame
        testId="chart-durations"
        title="Backup duration per source"
        description="How long each of the last 20 completed backups of every source took. A rising line means the database grew or the server got slower."
        empty={data.durations.length === 0}
        emptyText="No completed backup yet."
        table={{ caption: "Backup durations", headers: ["Source", "Started (UTC)", "Duration"], rows: seriesRows(data.durations) }}
      >
        <SeriesChart series={data.durations} yLabel="duration" />
      </ChartFrame>
      <ChartFrame
        testId="chart-rto"
        title="Restore drills: time to restore (RTO)"
        description={<>
          Each successful drill restored a backup into a scratch database and verified every row; the time it took is the recovery time you can count on. Last 90 days.
          {data.failedDrills ? (
            <Link href="/jobs?kind=DRILL&status=FAILED" className="mt-1 block font-semibold text-rose-700 underline dark:text-rose-300" data-testid="failed-drills">
              {data.failedDrills} drill{data.failedDrills === 1 ? "" : "s"} failed: those backups could not be restored — see why
            </Link>
          ) : null}
        </>}
        empty={data.rto.length === 0}
        emptyText={data.failedDrills
          ? "No drill has succeeded in the last 90 days, so there is no restore time to show."
          : "No restore drill has run in the last 90 days. Add a drill schedule to a source's policy to measure how long a restore really takes."}
        table={{ caption: "Restore drill times", headers: ["Source", "Finished (UTC)", "Time to restore"], rows: seriesRows(data.rto) }}
      >
        <SeriesChart series={data.rto} yLabel="time to restore" />
      </ChartFrame>
    </div>
  );
}
