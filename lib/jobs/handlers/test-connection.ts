// Test-connection job: version, size and missing privileges of a source, as the worker sees it.
import { z } from "zod";
import { connectorFor } from "../../engine/connect";
import { sourceAccess } from "../../db/source-secrets";
import { Invalid } from "../../errors";
import { defineJob } from "../definitions";

export const testConnectionJob = defineJob({
  kind: "TEST_CONNECTION",
  params: z.object({}),
  perSource: false,
  async handle(ctx) {
    if (!ctx.sourceId) throw new Invalid("A connection test needs a data source.");
    const source = await sourceAccess(ctx.sourceId);
    const connector = connectorFor(source.url);
    try {
      return await connector.test();
    } finally {
      await connector.close();
    }
  },
});
