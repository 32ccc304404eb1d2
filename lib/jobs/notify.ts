// Webhook notifications (Slack-compatible JSON: a `text` line, plus the details under `tidemark`).
// Sent once per event: when a job ends for good (not per retry) and when a source starts missing its RPO.
import { channelsFor, channelTarget, type ChannelTarget, type NotificationEvent } from "../db/notifications";
import { sourceName } from "../db/sources";

export interface NotificationPayload {
  text: string;
  tidemark: { event: NotificationEvent | "test"; source?: { id: string; name: string }; jobId?: string; detail?: string; at: string };
}

export interface Delivery {
  channel: string;
  ok: boolean;
  status?: number;
  error?: string;
}

export async function deliver(channel: ChannelTarget, payload: NotificationPayload): Promise<Delivery> {
  try {
    const response = await fetch(channel.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Tidemark" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    return { channel: channel.name, ok: response.ok, status: response.status, ...(response.ok ? {} : { error: `the endpoint answered HTTP ${response.status}` }) };
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { channel: channel.name, ok: false, error: `could not reach the endpoint: ${reason}` };
  }
}

export async function notifySource(
  source: { id: string; name: string },
  event: NotificationEvent,
  text: string,
  extra: { jobId?: string; detail?: string } = {},
): Promise<Delivery[]> {
  const channels = await channelsFor(source.id, event);
  const payload: NotificationPayload = { text, tidemark: { event, source, ...extra, at: new Date().toISOString() } };
  return Promise.all(channels.map((c) => deliver(c, payload)));
}

/** A job ended for good: failures always notify, successful backups only channels that asked for "success". */
export async function notifyJobOutcome(job: { id: string; kind: string; sourceId: string | null }, outcome: "failure" | "success", detail: string): Promise<Delivery[]> {
  if (!job.sourceId || (outcome === "success" && job.kind !== "BACKUP")) return [];
  const source = await sourceName(job.sourceId);
  if (!source) return [];
  const what = job.kind.toLowerCase().replace("_", " ");
  const text = outcome === "failure" ? `✖ ${what} of ${source.name} failed: ${detail}` : `✔ ${what} of ${source.name} succeeded`;
  return notifySource(source, outcome, text, { jobId: job.id, detail });
}

/** The "Send a test" button: one message to one channel, and whether it arrived. */
export async function sendTestNotification(channelId: string): Promise<Delivery | null> {
  const channel = await channelTarget(channelId);
  if (!channel) return null;
  return deliver(channel, { text: `Test from Tidemark: notifications to ${channel.name} work.`, tidemark: { event: "test", at: new Date().toISOString() } });
}
