// Audit addresses: proxy headers are believed only as far as the configured proxies vouch for them.
import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe("client address for the audit log", () => {
  it("ignores forwarding headers when no proxy is configured: a client could have sent them", () => {
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }), 0)).toBeNull();
  });

  it("takes the address the configured proxies saw, not what the client prepended", () => {
    const spoofed = headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientIpFrom(spoofed, 1)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "203.0.113.7" }), 2)).toBeNull();
  });

  it("uses X-Real-IP from a proxy that sets it instead of appending", () => {
    expect(clientIpFrom(headers({ "x-real-ip": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIpFrom(headers({}), 1)).toBeNull();
  });
});
