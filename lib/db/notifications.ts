// Notification channels (webhooks) and which of them hear about a source.
import { decryptSecret, encryptSecret } from "../secrets";
import { db } from "./client";

export type NotificationEvent = "failure" | "at-risk" | "success";

export interface ChannelTarget {
  id: string;
  name: string;
  url: string;
}

export async function createChannel(input: { name: string; url: string; events: NotificationEvent[] }) {
  return db().notificationChannel.create({ data: { name: input.name, urlEnc: encryptSecret(input.url), events: input.events } });
}

export async function listChannels() {
  return db().notificationChannel.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, events: true, enabled: true, createdAt: true } });
}

export async function channelTarget(id: string): Promise<ChannelTarget | null> {
  const c = await db().notificationChannel.findUnique({ where: { id } });
  return c ? { id: c.id, name: c.name, url: decryptSecret(c.urlEnc) } : null;
}

/** Enabled channels named by any enabled policy of the source that want this event. */
export async function channelsFor(sourceId: string, event: NotificationEvent): Promise<ChannelTarget[]> {
  const policies = await db().policy.findMany({ where: { sourceId, enabled: true }, select: { notifyChannelIds: true } });
  const ids = [...new Set(policies.flatMap((p) => p.notifyChannelIds))];
  if (!ids.length) return [];
  const channels = await db().notificationChannel.findMany({ where: { id: { in: ids }, enabled: true, events: { has: event } } });
  return channels.map((c) => ({ id: c.id, name: c.name, url: decryptSecret(c.urlEnc) }));
}

/** Marks the source at risk; true only for the caller that made the change, so the alert goes out once. */
export async function markAtRisk(sourceId: string, since: Date): Promise<boolean> {
  const { count } = await db().dataSource.updateMany({ where: { id: sourceId, atRiskSince: null }, data: { atRiskSince: since } });
  return count === 1;
}

export async function clearAtRisk(sourceId: string): Promise<boolean> {
  const { count } = await db().dataSource.updateMany({ where: { id: sourceId, atRiskSince: { not: null } }, data: { atRiskSince: null } });
  return count === 1;
}
