-- Tidemark metadata, first version. Written by hand in the form `prisma migrate` produces.

CREATE TYPE "Role" AS ENUM ('ADMIN', 'OPERATOR', 'VIEWER');
CREATE TYPE "Engine" AS ENUM ('POSTGRES', 'MYSQL', 'SQLITE');
CREATE TYPE "StorageKind" AS ENUM ('LOCAL', 'S3');
CREATE TYPE "BackupType" AS ENUM ('FULL', 'DIFFERENTIAL', 'INCREMENTAL');
CREATE TYPE "BackupStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');
CREATE TYPE "Verification" AS ENUM ('UNVERIFIED', 'VERIFIED', 'FAILED');
CREATE TYPE "JobKind" AS ENUM ('BACKUP', 'RESTORE', 'VERIFY', 'PRUNE', 'DRILL', 'DIFF', 'TEST_CONNECTION');
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "DataSource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "engine" "Engine" NOT NULL,
    "connectionEnc" TEXT NOT NULL,
    "displayTarget" TEXT NOT NULL,
    "storageTargetId" TEXT,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "DataSource_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "DataSource_name_key" ON "DataSource"("name");

CREATE TABLE "StorageTarget" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "StorageKind" NOT NULL,
    "location" TEXT NOT NULL,
    "configEnc" TEXT NOT NULL,
    "passphraseEnc" TEXT NOT NULL,
    "repoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "StorageTarget_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "StorageTarget_name_key" ON "StorageTarget"("name");

CREATE TABLE "Policy" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "backupType" "BackupType" NOT NULL DEFAULT 'INCREMENTAL',
    "tablesInclude" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tablesExclude" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "retention" JSONB NOT NULL DEFAULT '{}',
    "verifyAfter" BOOLEAN NOT NULL DEFAULT true,
    "drillCron" TEXT,
    "rpoMinutes" INTEGER,
    "notifyChannelIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Policy_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Policy_sourceId_idx" ON "Policy"("sourceId");

CREATE TABLE "BackupSet" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "storageTargetId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "type" "BackupType" NOT NULL,
    "status" "BackupStatus" NOT NULL DEFAULT 'RUNNING',
    "parentId" TEXT,
    "consistentAt" TIMESTAMP(3),
    "position" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "logicalBytes" BIGINT NOT NULL DEFAULT 0,
    "storedBytes" BIGINT NOT NULL DEFAULT 0,
    "rowCount" BIGINT NOT NULL DEFAULT 0,
    "tableCount" INTEGER NOT NULL DEFAULT 0,
    "verification" "Verification" NOT NULL DEFAULT 'UNVERIFIED',
    "verifiedAt" TIMESTAMP(3),
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "preRestore" BOOLEAN NOT NULL DEFAULT false,
    "jobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BackupSet_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "BackupSet_sourceId_consistentAt_idx" ON "BackupSet"("sourceId", "consistentAt");
CREATE UNIQUE INDEX "BackupSet_storageTargetId_snapshotId_key" ON "BackupSet"("storageTargetId", "snapshotId");

CREATE TABLE "BackupTable" (
    "id" TEXT NOT NULL,
    "backupSetId" TEXT NOT NULL,
    "schemaName" TEXT,
    "name" TEXT NOT NULL,
    "rowCount" BIGINT NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "chunkCount" INTEGER NOT NULL DEFAULT 0,
    "digest" TEXT NOT NULL,
    "changed" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "BackupTable_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "BackupTable_backupSetId_idx" ON "BackupTable"("backupSetId");

CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "sourceId" TEXT,
    "requestedById" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "progress" JSONB,
    "result" JSONB,
    "error" TEXT,
    "bossJobId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Job_status_createdAt_idx" ON "Job"("status", "createdAt");
CREATE INDEX "Job_sourceId_createdAt_idx" ON "Job"("sourceId", "createdAt");

CREATE TABLE "JobEvent" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL DEFAULT 'info',
    "message" TEXT NOT NULL,
    "data" JSONB,
    CONSTRAINT "JobEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "JobEvent_jobId_id_idx" ON "JobEvent"("jobId", "id");

CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorEmail" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "ip" TEXT,
    "details" JSONB,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

CREATE TABLE "NotificationChannel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'webhook',
    "urlEnc" TEXT NOT NULL,
    "events" TEXT[] DEFAULT ARRAY['failure', 'at-risk']::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "DataSource" ADD CONSTRAINT "DataSource_storageTargetId_fkey" FOREIGN KEY ("storageTargetId") REFERENCES "StorageTarget"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DataSource" ADD CONSTRAINT "DataSource_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BackupSet" ADD CONSTRAINT "BackupSet_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "BackupSet" ADD CONSTRAINT "BackupSet_storageTargetId_fkey" FOREIGN KEY ("storageTargetId") REFERENCES "StorageTarget"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "BackupSet" ADD CONSTRAINT "BackupSet_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "BackupSet"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "BackupTable" ADD CONSTRAINT "BackupTable_backupSetId_fkey" FOREIGN KEY ("backupSetId") REFERENCES "BackupSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Job" ADD CONSTRAINT "Job_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Job" ADD CONSTRAINT "Job_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "JobEvent" ADD CONSTRAINT "JobEvent_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "Job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
