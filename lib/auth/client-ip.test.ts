// Audit addresses: X-Forwarded-For is believed only as far as the configured proxies vouch for it.
import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

const headers = (h: Record<string, string>) => (name: string) => h[name];

describe("client address for the audit log", () => {
  it("ignores forwarding headers when no proxy is configured: a client could have sent them", () => {
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }), 0)).toBeNull();
  });

  it("takes the address the configured proxies saw, not what the client prepended", () => {
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "203.0.113.7" }), 2)).toBeNull();
  });

  it("never trusts X-Real-IP, which Next.js's own X-Forwarded-For would contradict", () => {
    expect(clientIpFrom(headers({ "x-real-ip": "203.0.113.9" }), 1)).toBeNull();
    expect(clientIpFrom(headers({ "x-real-ip": "203.0.113.9", "x-forwarded-for": "6.6.6.6, 10.0.0.2" }), 1)).toBe("10.0.0.2");
  });

  it("records only well-formed addresses, without ports or IPv4-mapped prefixes", () => {
    expect(clientIpFrom(headers({ "x-forwarded-for": "203.0.113.7:5123" }), 1)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "[2001:db8::1]:443" }), 1)).toBe("2001:db8::1");
    expect(clientIpFrom(headers({ "x-forwarded-for": "::ffff:203.0.113.7" }), 1)).toBe("203.0.113.7");
    expect(clientIpFrom(headers({ "x-forwarded-for": "2001:db8::2" }), 1)).toBe("2001:db8::2");
    expect(clientIpFrom(headers({ "x-forwarded-for": "<script>alert(1)</script>" }), 1)).toBeNull();
    expect(clientIpFrom(headers({ "x-forwarded-for": "unknown" }), 1)).toBeNull();
  });
});
