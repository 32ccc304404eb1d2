// Cron expressions of policies: validation and a preview of the next runs, in the policy's time zone.
import { Cron } from "croner";
import { CronExpressionParser } from "cron-parser";

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

/**
 * Valid for croner (the previews) and for pg-boss, which parses schedules with cron-parser exactly like this: a
 * pattern only one of them accepts (`15W`, `5#L`, `+1`) would save, show its next runs, and never be scheduled.
 */
export function isValidCron(expression: string, timeZone: string): boolean {
  return "runs" in nextRuns(expression, timeZone, 1) && schedulerAccepts(expression, timeZone);
}

/** Whether pg-boss's scheduler takes the pattern (it parses with cron-parser exactly like this). */
export function schedulerAccepts(expression: string, timeZone: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: timeZone, strict: false });
    return true;
  } catch {
    return false;
  }
}
