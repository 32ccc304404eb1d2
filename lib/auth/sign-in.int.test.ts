// Password sign-in against the real metadata database: audit trail, disabled accounts, slowing and locking.
import { describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { listAudit } from "../db/audit";
import { createUser, setUserDisabled } from "../db/users";
import { expireLoginThrottles } from "../db/login-throttle";
import { hashPassword } from "./password";
import { signInWithPassword } from "./sign-in";

withMetadataDatabase();

describe("signInWithPassword", () => {
  it("signs in with the right password and records who, how and from where", async () => {
    await createUser({ email: "Ada@Example.com", name: "Ada", role: "OPERATOR", passwordHash: await hashPassword("right-password-1") });
    const user = await signInWithPassword("ada@example.com", "right-password-1", "10.0.0.7");
    expect(user).toMatchObject({ email: "ada@example.com", role: "OPERATOR" });
    const { events } = await listAudit({ action: "auth.sign_in" });
    expect(events[0]).toMatchObject({ actorEmail: "ada@example.com", ip: "10.0.0.7", action: "auth.sign_in" });
  });

  it("refuses a wrong password and a disabled account, and audits both", async () => {
    const u = await createUser({ email: "bob@example.com", name: "Bob", role: "VIEWER", passwordHash: await hashPassword("bobs-password-1") });
    await expect(signInWithPassword("bob@example.com", "nope", null)).rejects.toThrow("Wrong e-mail or password.");
    await setUserDisabled(u.id, true);
    await expect(signInWithPassword("bob@example.com", "bobs-password-1", null)).rejects.toThrow(/disabled/);
    const { events } = await listAudit({ action: "auth.sign_in_failed", actor: "bob@" });
    expect(events.map((e) => (e.details as { reason: string }).reason)).toEqual(["disabled", "wrong password"]);
  });

  it("slows repeated failures, then locks the address even for the right password", async () => {
    await createUser({ email: "carol@example.com", name: "Carol", role: "VIEWER", passwordHash: await hashPassword("carols-password") });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await expect(signInWithPassword("carol@example.com", `wrong-${i}`, null)).rejects.toThrow("Wrong e-mail or password.");
    // Failures 3 and 4 were held back (250 ms, 500 ms) before answering.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    await expect(signInWithPassword("carol@example.com", "wrong-5", null)).rejects.toThrow(/Too many failed sign-ins for carol@example.com. Try again in 15 minute/);
    await expect(signInWithPassword("carol@example.com", "carols-password", null)).rejects.toThrow(/Too many failed sign-ins/);
    const { events } = await listAudit({ action: "auth.sign_in_refused" });
    expect(events).toHaveLength(1);
  });

  it("throttles unknown addresses the same way, without revealing that they do not exist", async () => {
    await expect(signInWithPassword("nobody@example.com", "x", null)).rejects.toThrow("Wrong e-mail or password.");
  });

  it("a disabled account says so only to someone who knows its password", async () => {
    const u = await createUser({ email: "dora@example.com", name: "Dora", role: "VIEWER", passwordHash: await hashPassword("doras-password") });
    await setUserDisabled(u.id, true);
    await expect(signInWithPassword("dora@example.com", "a guess", null)).rejects.toThrow("Wrong e-mail or password.");
    await expect(signInWithPassword("dora@example.com", "doras-password", null)).rejects.toThrow(/disabled/);
  });

  it("a burst of parallel guesses gets no more password checks than the limit", async () => {
    await createUser({ email: "erin@example.com", name: "Erin", role: "VIEWER", passwordHash: await hashPassword("erins-password") });
    const guesses = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => signInWithPassword("erin@example.com", `guess-${i}`, null)));
    const messages = guesses.map((g) => (g.status === "rejected" ? (g.reason as Error).message : "signed in"));
    // Five attempts (LOGIN_MAX_FAILURES) were checked; the others were refused before any check, and the address is locked.
    expect(messages.filter((m) => m === "Wrong e-mail or password.").length + messages.filter((m) => /Too many/.test(m)).length).toBe(12);
    const { events } = await listAudit({ action: "auth.sign_in_failed", actor: "erin@" });
    expect(events).toHaveLength(5);
    await expect(signInWithPassword("erin@example.com", "erins-password", null)).rejects.toThrow(/Too many failed sign-ins/);
  });

  it("forgets counts nobody added to for a day", async () => {
    await expect(signInWithPassword("stray@example.com", "x", null)).rejects.toThrow("Wrong e-mail or password.");
    expect(await expireLoginThrottles(new Date(Date.now() + 3_600_000))).toBe(0);
    expect(await expireLoginThrottles(new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
  });
});
