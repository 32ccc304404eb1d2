import { describe, expect, it } from "vitest";
import { localPath } from "./local-path";

describe("localPath", () => {
  it("keeps plain paths on this site, with their query and fragment", () => {
    expect(localPath("/sources/abc?tab=jobs#x")).toBe("/sources/abc?tab=jobs#x");
    expect(localPath("/")).toBe("/");
  });

  it("sends anything that could leave the site home", () => {
    for (const bad of ["//evil.example/x", "/\\evil.example/x", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "javascript:alert(1)", "evil", "", undefined, null, "/a\\b", "/..//evil.example/x", "/.//evil.example", "/a/..//evil.example", "/%2e%2e//evil.example"]) {
      expect(localPath(bad)).toBe("/");
    }
  });
});
