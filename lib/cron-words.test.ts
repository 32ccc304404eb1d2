// Cron expressions in words: the shapes the policy form's presets and DBAs write, and honest fallbacks.
import { describe, expect, it } from "vitest";
import { CRON_PRESETS, cronToWords } from "./cron-words";
import { nextRuns } from "./jobs/cron";

describe("cronToWords", () => {
  it.each([
    ["*/15 * * * *", "Every 15 minutes"],
    ["* * * * *", "Every minute"],
    ["0 * * * *", "Every hour on the hour"],
    ["30 * * * *", "Every hour at 30 minutes past"],
    ["0 */6 * * *", "Every 6 hours on the hour"],
    ["0 2 * * *", "Every day at 02:00"],
    ["5 0,12 * * *", "Every day at 00:05 and 12:05"],
    ["0 22 * * 1-5", "Every weekday (Monday to Friday) at 22:00"],
    ["0 22 * * MON-FRI", "Every weekday (Monday to Friday) at 22:00"],
    ["0 3 * * 0", "Every Sunday at 03:00"],
    ["0 3 * * 7", "Every Sunday at 03:00"],
    ["0 3 * * 6,0", "Every Saturday and Sunday at 03:00"],
    ["0 3 * * 1,3,5", "Every Monday, Wednesday and Friday at 03:00"],
    ["0 4 1 * *", "Monthly on the 1st at 04:00"],
    ["0 4 2,22 * *", "Monthly on the 2nd and 22nd at 04:00"],
  ])("%s → %s", (cron, words) => {
    expect(cronToWords(cron)).toBe(words);
  });

  it("falls back to the expression for shapes it does not describe", () => {
    expect(cronToWords("0 4 * 1 *")).toBe('Cron "0 4 * 1 *"');
    expect(cronToWords("0-30/10 2 * * *")).toBe('Cron "0-30/10 2 * * *"');
    expect(cronToWords("not a cron")).toBe('Cron "not a cron"');
  });

  it("agrees with croner's next runs for every preset", () => {
    const from = new Date("2026-11-21T16:00:00Z"); // a Saturday
    const expected: Record<string, string> = {
      "0 * * * *": "2026-11-21T17:00:00.000Z",
      "0 */6 * * *": "2026-11-21T18:00:00.000Z",
      "0 2 * * *": "2026-11-22T02:00:00.000Z",
      "0 22 * * 1-5": "2026-11-23T22:00:00.000Z",
      "0 3 * * 0": "2026-11-22T03:00:00.000Z",
      "0 4 1 * *": "2026-12-01T04:00:00.000Z",
    };
    for (const p of CRON_PRESETS) {
      const r = nextRuns(p.cron, "UTC", 1, from);
      expect("runs" in r && r.runs[0].toISOString(), p.cron).toBe(expected[p.cron]);
      expect(cronToWords(p.cron)).not.toMatch(/^Cron/);
    }
  });
});
