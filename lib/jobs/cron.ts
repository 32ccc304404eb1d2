// Cron expressions of policies: validation and a preview of the next runs, in the policy's time zone.
import { Cron } from "croner";

/** The next `count` runs, or an error message a person can act on. */
export function nextRuns(expression: string, timeZone: string, count = 5, from = new Date()): { runs: Date[] } | { error: string } {
  try {
    // Five fields exactly: pg-boss (cron-parser) refuses the 7-field and second-resolution forms croner would accept.
    const cron = new Cron(expression, { timezone: timeZone, paused: true, mode: "5-part" });
    return { runs: cron.nextRuns(count, from) };
  } catch (error) {
    return { error: `Invalid schedule "${expression}" in ${timeZone}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function isValidCron(expression: string, timeZone: string): boolean {
  return "runs" in nextRuns(expression, timeZone, 1);
}
