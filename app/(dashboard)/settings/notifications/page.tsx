import type { Metadata } from "next";
import {DataTable, EmptyState, PageHeader, tableClass } from "@/components/ui/primitives";
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
          <DataTable headers={["Channel", "Hears about", <span key="test" className="sr-only">Test</span>]} className="self-start">
            {channels.map((c) => (
              <tr key={c.id} data-testid={`channel-row-${c.name}`}>
                <td className={`${tableClass.td} font-medium`}>{c.name}</td>
                <td className={tableClass.td}>{c.events.map((e) => EVENT_LABEL[e] ?? e).join(", ")}</td>
                <td className={tableClass.td}><TestChannelButton channelId={c.id} name={c.name} /></td>
              </tr>
            ))}
          </DataTable>
        )}
        <ChannelForm />
      </div>
    </>
  );
}
