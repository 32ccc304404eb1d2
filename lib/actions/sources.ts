"use server";
// Admins register, edit, test and delete data sources. The connection is stored encrypted and never sent back.
import { revalidatePath } from "next/cache";
import { connectorFor } from "../engine/connect";
import type { ServerInfo } from "../engine/types";
import { createSource, deleteSource, sourceDeletionImpact, sourceNameTaken, sourceUrl, updateSource } from "../db/sources";
import { storageTargetExists } from "../db/storage";
import { Conflict, Invalid, NotFound } from "../errors";
import { buildConnectionUrl, displayTargetOf, storedPasswordOf, type ConnectionFields, type EngineName } from "../sources/connection";
import { PasswordNeeded, reusablePassword } from "../sources/stored-password";
import { adminAction } from "./client";
import { deleteSourceInput, sourceInput, testConnectionInput, updateSourceInput } from "./sources.schema";

function urlFrom(engine: EngineName, connection: ConnectionFields, storedPassword = ""): string {
  try {
    return buildConnectionUrl(engine, connection, storedPassword);
  } catch (error) {
    throw new Invalid(error instanceof Error ? error.message : String(error), { connection: "invalid" });
  }
}

/** The stored password an empty password field may stand for (same engine, host, port and user only). */
function storedPasswordFor(engine: EngineName, connection: ConnectionFields, stored: { engine: EngineName; url: string } | null): string {
  try {
    return reusablePassword(engine, connection, stored);
  } catch (error) {
    if (error instanceof PasswordNeeded) throw new Invalid(error.message, { "connection.password": error.message });
    throw new Invalid(error instanceof Error ? error.message : String(error), { connection: "invalid" });
  }
}

async function checkStorageTarget(id: string | null) {
  if (id && !(await storageTargetExists(id))) throw new Invalid("That storage target no longer exists: pick another.", { storageTargetId: "missing" });
}

export const createSourceAction = adminAction(sourceInput, async ({ user, input, audit }) => {
  if (await sourceNameTaken(input.name)) throw new Conflict(`A source named "${input.name}" already exists: choose another name.`);
  await checkStorageTarget(input.storageTargetId);
  const url = urlFrom(input.engine, input.connection);
  const source = await createSource({ name: input.name, engine: input.engine, url, displayTarget: displayTargetOf(url), storageTargetId: input.storageTargetId, createdById: user.id });
  await audit({ action: "source.registered", targetType: "source", targetId: source.id, details: { name: source.name, engine: input.engine, target: displayTargetOf(url), storageTargetId: input.storageTargetId } });
  revalidatePath("/sources");
  return { id: source.id };
});

export const updateSourceAction = adminAction(updateSourceInput, async ({ input, audit }) => {
  const existing = await sourceUrl(input.id);
  if (!existing) throw new NotFound("That data source no longer exists.");
  if (existing.engine !== input.engine) throw new Invalid("A source's engine cannot change: register a new source instead.");
  if (await sourceNameTaken(input.name, input.id)) throw new Conflict(`A source named "${input.name}" already exists: choose another name.`);
  await checkStorageTarget(input.storageTargetId);
  const url = urlFrom(input.engine, input.connection, storedPasswordFor(input.engine, input.connection, existing));
  await updateSource(input.id, { name: input.name, url, displayTarget: displayTargetOf(url), storageTargetId: input.storageTargetId });
  const passwordChanged = storedPasswordOf(url) !== storedPasswordOf(existing.url);
  await audit({
    action: "source.updated",
    targetType: "source",
    targetId: input.id,
    details: { name: input.name, target: displayTargetOf(url), passwordChanged, storageChanged: existing.storageTargetId !== input.storageTargetId },
  });
  revalidatePath("/sources");
  revalidatePath(`/sources/${input.id}`);
  return { id: input.id };
});

const TEST_TIMEOUT_MS = 20_000;

/** Connects from the web server with what the form says (nothing is saved) and reports version, size and privileges. */
export const testConnectionAction = adminAction(testConnectionInput, async ({ input, audit }): Promise<ServerInfo> => {
  const stored = input.sourceId ? await sourceUrl(input.sourceId) : null;
  if (input.sourceId && !stored) throw new NotFound("That data source no longer exists.");
  const url = urlFrom(input.engine, input.connection, storedPasswordFor(input.engine, input.connection, stored));
  const password = storedPasswordOf(url);
  const connector = connectorFor(url);
  let timer: NodeJS.Timeout | undefined;
  try {
    const info = await Promise.race([
      connector.test(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer from ${displayTargetOf(url)} within ${TEST_TIMEOUT_MS / 1000} s — check the host, port and firewall`)), TEST_TIMEOUT_MS);
      }),
    ]);
    await audit({ action: "source.connection_tested", targetType: "source", targetId: input.sourceId, details: { target: displayTargetOf(url), ok: true, version: info.version } });
    return info;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await audit({ action: "source.connection_tested", targetType: "source", targetId: input.sourceId, details: { target: displayTargetOf(url), ok: false } });
    // Connector errors are written for people and never echo the password; this is the belt to those braces.
    throw new Invalid(password ? message.replaceAll(password, "***") : message);
  } finally {
    clearTimeout(timer);
    await connector.close().catch(() => {});
  }
});

export const deleteSourceAction = adminAction(deleteSourceInput, async ({ input, audit }) => {
  const existing = await sourceUrl(input.id);
  if (!existing) throw new NotFound("That data source no longer exists.");
  if (input.confirmName !== existing.name) throw new Invalid(`Type the source's name exactly ("${existing.name}") to delete it.`, { confirmName: "mismatch" });
  const impact = await sourceDeletionImpact(input.id);
  if (impact.activeJobs) throw new Conflict(`${existing.name} has ${impact.activeJobs} queued or running job(s): wait for them or cancel them first.`);
  // Dropping the host would silently move those drills back onto their own (production) servers.
  if (impact.drillHostOf.length) {
    throw new Conflict(`${existing.name} hosts the restore drills of ${impact.drillHostOf.join(", ")}: choose another drill server in ${impact.drillHostOf.length === 1 ? "that policy" : "those policies"} first.`);
  }
  await deleteSource(input.id);
  await audit({ action: "source.deleted", targetType: "source", targetId: input.id, details: { name: existing.name, target: displayTargetOf(existing.url), backupSetsRemovedFromCatalog: impact.backupSets, policies: impact.policies } });
  revalidatePath("/sources");
  return { name: existing.name };
});
