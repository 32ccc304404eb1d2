import { describe, expect, it } from "vitest";
import { decryptJson, decryptSecret, encryptJson, encryptSecret } from "./secrets";

const KEY = "k".repeat(40);

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("postgres://backup:hunter2@db/shop", KEY);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain("hunter2");
    expect(decryptSecret(sealed, KEY)).toBe("postgres://backup:hunter2@db/shop");
    expect(decryptJson(encryptJson({ a: [1, "two"] }, KEY), KEY)).toEqual({ a: [1, "two"] });
  });

  it("uses a fresh nonce each time", () => {
    expect(encryptSecret("same", KEY)).not.toBe(encryptSecret("same", KEY));
  });

  it("refuses a different TIDEMARK_SECRET and tampered ciphertext with a clear message", () => {
    const sealed = encryptSecret("value", KEY);
    expect(() => decryptSecret(sealed, "x".repeat(40))).toThrow(/TIDEMARK_SECRET differs/);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`, KEY)).toThrow(/Cannot decrypt/);
  });
});
