import { describe, expect, it } from "vitest";
import { hashPassword, randomPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and rejects a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterz", hash)).toBe(false);
  });

  it("salts every hash and rejects missing or foreign hashes", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "$2b$10$bcrypt-style")).toBe(false);
  });

  it("generates unambiguous random passwords", () => {
    const p = randomPassword();
    expect(p).toHaveLength(20);
    expect(p).not.toMatch(/[0O1lI]/);
    expect(randomPassword()).not.toBe(p);
  });
});
