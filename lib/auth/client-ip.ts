// The client address recorded with sign-ins and audit events. Next.js gives server code no socket address, so the
// only source is what a reverse proxy adds (X-Forwarded-For, X-Real-IP) — headers any client can also send itself.
// They are believed only when TIDEMARK_TRUST_PROXY says how many proxies in front of Tidemark append to them;
// otherwise the address is recorded as unknown rather than as whatever the client claimed.
import { env } from "../env";

type HeaderValue = string | string[] | null | undefined;

function first(v: HeaderValue): string | undefined {
  return (Array.isArray(v) ? v.join(",") : v) ?? undefined;
}

/**
 * `hops` proxies each append the address they received from: the client's own address is the hops-th entry from
 * the right (entries further left were sent by the client and prove nothing). X-Real-IP, which a proxy sets
 * rather than appends, counts only when there is no X-Forwarded-For.
 */
export function clientIpFrom(get: (name: string) => HeaderValue, hops = env().TIDEMARK_TRUST_PROXY): string | null {
  if (!hops) return null;
  const forwarded = first(get("x-forwarded-for"));
  if (forwarded) {
    const entries = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
    return entries.length >= hops ? entries[entries.length - hops] : null;
  }
  return first(get("x-real-ip"))?.trim() || null;
}
