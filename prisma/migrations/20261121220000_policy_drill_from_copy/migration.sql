-- A policy's scheduled restore drill can read the backup's copy in the policy's copy-to target: proves the offsite copy restores.
ALTER TABLE "Policy" ADD COLUMN "drillFromCopy" BOOLEAN NOT NULL DEFAULT false;
