-- A policy's restore drills can run on another registered source's server (off production); its deletion sends them home.
ALTER TABLE "Policy" ADD COLUMN "drillOnSourceId" TEXT;
ALTER TABLE "Policy" ADD CONSTRAINT "Policy_drillOnSourceId_fkey" FOREIGN KEY ("drillOnSourceId") REFERENCES "DataSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
