import { expect, it } from "vitest";
import { countOf, formatBytes, formatDuration } from "./format";

it("formats bytes and durations for people", () => {
  expect(formatBytes(0)).toBe("0 B");
  expect(formatBytes(1536)).toBe("1.5 KB");
  expect(formatBytes(235 * 1024 * 1024)).toBe("235 MB");
  expect(formatBytes(-1)).toBe("—");
  expect(formatDuration(0.34)).toBe("340 ms");
  expect(formatDuration(4.21)).toBe("4.2 s");
  expect(formatDuration(42)).toBe("42 s");
  expect(formatDuration(125)).toBe("2 min 5 s");
  expect(formatDuration(3 * 3600 + 120)).toBe("3 h 2 min");
});

it("puts a count's noun in the right number", () => {
  expect(countOf(1, "table")).toBe("1 table");
  expect(countOf(0, "table")).toBe("0 tables");
  expect(countOf(1204, "row")).toBe("1,204 rows");
});
