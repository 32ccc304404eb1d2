// User management rules that protect the installation: unique e-mails and always one enabled admin.
import { describe, expect, it } from "vitest";
import { withMetadataDatabase } from "../../test/support/metadata-db";
import { createUser, oidcAccount, setUserDisabled, setUserRole } from "./users";

withMetadataDatabase();

it("refuses a duplicate e-mail regardless of case", async () => {
  await createUser({ email: "dup@example.com", name: "A", role: "VIEWER", passwordHash: null });
  await expect(createUser({ email: "DUP@example.com", name: "B", role: "VIEWER", passwordHash: null })).rejects.toThrow(/already exists/);
});

it("never leaves the installation without an enabled admin", async () => {
  const admin = await createUser({ email: "root@example.com", name: "Root", role: "ADMIN", passwordHash: null });
  await expect(setUserRole(admin.id, "VIEWER")).rejects.toThrow(/only enabled admin/);
  await expect(setUserDisabled(admin.id, true)).rejects.toThrow(/only enabled admin/);
  const second = await createUser({ email: "second@example.com", name: "Second", role: "ADMIN", passwordHash: null });
  await expect(setUserRole(admin.id, "OPERATOR")).resolves.toMatchObject({ role: "OPERATOR" });
  await expect(setUserDisabled(second.id, true)).rejects.toThrow(/only enabled admin/);
});

describe("oidcAccount", () => {
  it("binds an account to the provider account that first used it, and never opens one by an e-mail claim alone", async () => {
    const admin = await createUser({ email: "first.admin@example.com", name: "Admin", role: "ADMIN", passwordHash: "scrypt$1$1$1$c2FsdA==$aGFzaA==" });
    // A password account needs a verified address to be bound.
    expect(await oidcAccount("First.Admin@example.com", "Mallory", "VIEWER", false, "idp|mallory")).toBeNull();
    expect(await oidcAccount("first.admin@example.com", "Admin", "VIEWER", true, "idp|admin")).toMatchObject({ created: false, user: { id: admin.id, role: "ADMIN" } });
    // Once bound, only that provider account gets in, verified e-mail or not; it does even after an e-mail change.
    expect(await oidcAccount("first.admin@example.com", "Mallory", "VIEWER", true, "idp|mallory")).toBeNull();
    expect(await oidcAccount("renamed@example.com", "Admin", "VIEWER", false, "idp|admin")).toMatchObject({ user: { id: admin.id } });
    // A new address creates an account with the default role, bound to its provider account.
    const created = await oidcAccount("newcomer@example.com", "New", "VIEWER", false, "idp|new");
    expect(created).toMatchObject({ created: true, user: { email: "newcomer@example.com", role: "VIEWER", passwordHash: null, oidcSubject: "idp|new" } });
    expect(await oidcAccount("newcomer@example.com", "Impostor", "ADMIN", false, "idp|impostor")).toBeNull();
  });
});
