"use server";
// Settings → Notifications: admins add webhook channels and send a test message.
import { revalidatePath } from "next/cache";
import { createChannel } from "../db/notifications";
import { NotFound } from "../errors";
import { sendTestNotification } from "../jobs/notify";
import { adminAction } from "./client";
import { createChannelInput, testChannelInput } from "./notifications.schema";

export const createChannelAction = adminAction(createChannelInput, async ({ input, audit }) => {
  const channel = await createChannel(input);
  // The URL often embeds a token: it is stored encrypted and never written to the audit log.
  await audit({ action: "notification_channel.created", targetType: "notification_channel", targetId: channel.id, details: { name: channel.name, events: input.events } });
  revalidatePath("/settings/notifications");
  return { id: channel.id };
});

export const testChannelAction = adminAction(testChannelInput, async ({ input, audit }) => {
  const delivery = await sendTestNotification(input.channelId);
  if (!delivery) throw new NotFound("That channel no longer exists.");
  await audit({ action: "notification_channel.tested", targetType: "notification_channel", targetId: input.channelId, details: { ok: delivery.ok } });
  return delivery;
});
