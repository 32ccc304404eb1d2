-- When a source's last successful backup became older than its policies allow; null while it is within its RPO.
ALTER TABLE "DataSource" ADD COLUMN "atRiskSince" TIMESTAMP(3);
