// Inputs of the notification actions.
import { z } from "zod";

export const createChannelInput = z.object({
  name: z.string().trim().min(1, "Name the channel.").max(100),
  url: z.url({ protocol: /^https?$/, error: "Enter the webhook's http(s) URL." }),
  events: z.array(z.enum(["failure", "at-risk", "success"])).min(1, "Choose at least one event."),
});

export const testChannelInput = z.object({ channelId: z.string().min(1) });
