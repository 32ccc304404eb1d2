// The client address recorded with sign-ins and audit events. Next.js gives server code no socket address: the only
// source is X-Forwarded-For, which `next start` fills with the socket's address when a request has none, which a
// reverse proxy appends to, and which any client can also send itself. It is believed only as far as
// TIDEMARK_TRUST_PROXY says proxies in front of Tidemark vouch for it; otherwise the address is recorded as unknown.
import { isIP } from "node:net";
import { env } from "../env";

type HeaderValue = string | string[] | null | undefined;

/**
 * `hops` proxies each append the address they received the request from, so the client's own address is the
 * hops-th entry from the right; entries further left were sent by the client and prove nothing. X-Real-IP is
 * not used: Next.js always adds X-Forwarded-For, so behind a proxy that only sets X-Real-IP that header would
 * name the proxy, and a client-sent X-Forwarded-For would win over it.
 */
export function clientIpFrom(get: (name: string) => HeaderValue, hops = env().TIDEMARK_TRUST_PROXY): string | null {
  if (!hops) return null;
  const raw = get("x-forwarded-for");
  const forwarded = Array.isArray(raw) ? raw.join(",") : raw;
  if (!forwarded) return null;
  const entries = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
  return entries.length >= hops ? address(entries[entries.length - hops]) : null;
}

/** The bare address of an entry ("[::1]:443", "203.0.113.7:5123" and "::ffff:203.0.113.7" included), or null. */
function address(entry: string): string | null {
  let a = entry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4) a = a.slice(7);
  return isIP(a) ? a : null;
}
