// A policy's cron expression in plain words ("Every day at 02:00"): the common shapes a DBA writes; anything else is
// shown as the expression itself, with the next runs (lib/jobs/cron.ts) saying what it means.
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAY_ALIASES: Record<string, number> = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

const pad = (n: number) => String(n).padStart(2, "0");
const isNum = (s: string) => /^\d+$/.test(s);

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${s}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "1-5" → [1..5], "1,3" → [1,3], "MON-FRI" → [1..5]; null when it is not a plain list or range. */
function dayNumbers(field: string): number[] | null {
  const out: number[] = [];
  for (const part of field.toUpperCase().split(",")) {
    const range = part.split("-");
    const nums = range.map((x) => (x in DAY_ALIASES ? DAY_ALIASES[x] : isNum(x) ? Number(x) % 7 : NaN));
    if (nums.some(Number.isNaN) || nums.length > 2) return null;
    if (nums.length === 1) out.push(nums[0]);
    else for (let d = nums[0]; d <= (range[1] === "7" ? 7 : nums[1]); d++) out.push(d % 7);
  }
  return out;
}

function daysInWords(days: number[]): string {
  const set = [...new Set(days)].sort();
  if (set.join() === "1,2,3,4,5") return "every weekday (Monday to Friday)";
  if (set.join() === "0,6") return "every Saturday and Sunday";
  return `every ${list(set.map((d) => DAYS[d]))}`;
}

export function cronToWords(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return `Cron "${expression.trim()}"`;
  const [min, hour, dom, month, dow] = fields;
  const fallback = `Cron "${fields.join(" ")}"`;
  if (month !== "*") return fallback;

  const everyMin = /^\*\/(\d+)$/.exec(min);
  if (everyMin && hour === "*" && dom === "*" && dow === "*") return Number(everyMin[1]) === 1 ? "Every minute" : `Every ${everyMin[1]} minutes`;
  if (min === "*" && hour === "*" && dom === "*" && dow === "*") return "Every minute";
  if (!isNum(min)) return fallback;
  const m = Number(min);

  const everyHour = /^\*\/(\d+)$/.exec(hour);
  if ((hour === "*" || everyHour) && dom === "*" && dow === "*") {
    const n = everyHour ? Number(everyHour[1]) : 1;
    const when = m === 0 ? "on the hour" : `at ${pad(m)} minutes past`;
    return n === 1 ? `Every hour ${when}` : `Every ${n} hours ${when}`;
  }
  const hours = hour.split(",");
  if (!hours.every(isNum)) return fallback;
  const times = list(hours.map((h) => `${pad(Number(h))}:${pad(m)}`));

  if (dom === "*" && dow === "*") return `Every day at ${times}`;
  if (dom === "*") {
    const days = dayNumbers(dow);
    return days ? `${daysInWords(days).replace(/^every/, "Every")} at ${times}` : fallback;
  }
  if (dow === "*" && dom.split(",").every(isNum)) return `Monthly on the ${list(dom.split(",").map((d) => ordinal(Number(d))))} at ${times}`;
  return fallback;
}

/** Presets the policy form offers; the cron field stays editable for anything else. */
export const CRON_PRESETS = [
  { label: "Every hour", cron: "0 * * * *" },
  { label: "Every 6 hours", cron: "0 */6 * * *" },
  { label: "Daily at 02:00", cron: "0 2 * * *" },
  { label: "Weekdays at 22:00", cron: "0 22 * * 1-5" },
  { label: "Weekly, Sunday 03:00", cron: "0 3 * * 0" },
  { label: "Monthly, 1st at 04:00", cron: "0 4 1 * *" },
] as const;
