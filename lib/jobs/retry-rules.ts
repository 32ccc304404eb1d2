// Which failed jobs may be run again as they were. A restore is never re-run blindly: the target may have changed
// since, so it goes through the wizard's preview and typed confirmation again. Prune forgets backups: admins only.
import type { JobKind, Role } from "../db/generated/client";
import { hasRole } from "../auth/roles";

export function retryRefusal(kind: JobKind, role: Role): string | null {
  if (kind === "RESTORE") {
    return "A restore is not re-run as it was: the target may have changed since. Start it again from the backup's page, look at the new preview and confirm.";
  }
  if (kind === "PRUNE" && !hasRole(role, "ADMIN")) return "Only an admin may run a prune again: it forgets backups and removes their data.";
  return null;
}
