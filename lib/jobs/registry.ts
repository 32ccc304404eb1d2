// The job kinds the worker runs, by kind.
import type { JobKind } from "../db/generated/client";
import type { JobDefinition } from "./definitions";
import { backupJob } from "./handlers/backup";
import { copyJob } from "./handlers/copy";
import { diffJob } from "./handlers/diff";
import { drillJob } from "./handlers/drill";
import { pruneJob } from "./handlers/prune";
import { restoreJob } from "./handlers/restore";
import { testConnectionJob } from "./handlers/test-connection";
import { verifyJob } from "./handlers/verify";

export const jobDefinitions: Partial<Record<JobKind, JobDefinition>> = {
  BACKUP: backupJob as unknown as JobDefinition,
  RESTORE: restoreJob as unknown as JobDefinition,
  VERIFY: verifyJob as unknown as JobDefinition,
  TEST_CONNECTION: testConnectionJob as unknown as JobDefinition,
  PRUNE: pruneJob as unknown as JobDefinition,
  DRILL: drillJob as unknown as JobDefinition,
  COPY: copyJob as unknown as JobDefinition,
  DIFF: diffJob as unknown as JobDefinition,
};
