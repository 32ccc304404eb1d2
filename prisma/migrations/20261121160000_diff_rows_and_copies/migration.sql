-- Diff results: a diff job's rows, stored so the UI pages through them (keyset on jobId, tableName, kind, seq) without recomputing.
-- Copies: a policy may copy each new backup to a second storage target; BackupCopy records where each backup lives.
ALTER TYPE "JobKind" ADD VALUE 'COPY';

CREATE TABLE "DiffRow" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "tableName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" JSONB NOT NULL,

    CONSTRAINT "DiffRow_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DiffRow_jobId_tableName_kind_seq_key" ON "DiffRow"("jobId", "tableName", "kind", "seq");
ALTER TABLE "DiffRow" ADD CONSTRAINT "DiffRow_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Policy" ADD COLUMN "copyToStorageTargetId" TEXT;
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_copyToStorageTargetId_fkey" FOREIGN KEY ("copyToStorageTargetId") REFERENCES "StorageTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "BackupCopy" (
    "id" TEXT NOT NULL,
    "backupSetId" TEXT NOT NULL,
    "storageTargetId" TEXT NOT NULL,
    "status" "BackupStatus" NOT NULL DEFAULT 'RUNNING',
    "verification" "Verification" NOT NULL DEFAULT 'UNVERIFIED',
    "bytesSent" BIGINT NOT NULL DEFAULT 0,
    "chunksSent" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "copiedAt" TIMESTAMP(3),

    CONSTRAINT "BackupCopy_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "BackupCopy_backupSetId_storageTargetId_key" ON "BackupCopy"("backupSetId", "storageTargetId");
ALTER TABLE "BackupCopy" ADD CONSTRAINT "BackupCopy_backupSetId_fkey" FOREIGN KEY ("backupSetId") REFERENCES "BackupSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BackupCopy" ADD CONSTRAINT "BackupCopy_storageTargetId_fkey" FOREIGN KEY ("storageTargetId") REFERENCES "StorageTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Charts and the jobs list filter by kind and status over time.
CREATE INDEX "Job_kind_createdAt_idx" ON "Job"("kind", "createdAt");
CREATE INDEX "BackupSet_status_startedAt_idx" ON "BackupSet"("status", "startedAt");
