import type { Metadata } from "next";
import { EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
import { requireRole } from "@/lib/auth/session";
import { listChannels } from "@/lib/db/notifications";
import { ChannelForm } from "./ChannelForm";
import { TestChannelButton } from "./TestChannelButton";

export const metadata: Metadata = { title: "Notifications" };

const EVENT_LABEL: Record<string, string> = { failure: "failures", "at-risk": "RPO missed", success: "successes" };

export default async function NotificationsPage() {
  await requireRole("ADMIN");
  const channels = await listChannels();
  return (
    <>
      <PageHeader title="Notifications" description="Webhooks (Slack-compatible JSON) that hear about failed jobs, sources missing their RPO and, if chosen, successes. Attach them to a source's policies." />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[1fr_22rem]">
        {channels.length === 0 ? (
          <div className="self-start">
            <EmptyState title="No channels yet">Add a webhook, then send it a test.</EmptyState>
          </div>
        ) : (
          <div className="self-start overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <table className={tableClass.table}>
              <thead>
                <tr>
                  <th className={tableClass.th}>Channel</th>
                  <th className={tableClass.th}>Hears about</th>
                  <th className={tableClass.th}><span className="sr-only">Test</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {channels.map((c) => (
                  <tr key={c.id} data-testid={`channel-row-${c.name}`}>
                    <td className={`${tableClass.td} font-medium`}>{c.name}</td>
                    <td className={tableClass.td}>{c.events.map((e) => EVENT_LABEL[e] ?? e).join(", ")}</td>
                    <td className={tableClass.td}><TestChannelButton channelId={c.id} name={c.name} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ChannelForm />
      </div>
    </>
  );
}
