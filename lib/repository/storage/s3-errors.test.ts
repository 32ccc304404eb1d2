// S3 error classification: what is retried, and the sentence each failure becomes (cases s3rver cannot produce).
import { describe, expect, it } from "vitest";
import { describeS3Error, isTransient } from "./s3-errors";

const sdkError = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const where = "s3://b/p at https://oss-eu-central-1.aliyuncs.com";

describe("isTransient", () => {
  it("retries 5xx, throttling and network faults", () => {
    expect(isTransient(sdkError("InternalError", 500))).toBe(true);
    expect(isTransient(sdkError("SlowDown", 503))).toBe(true);
    expect(isTransient(sdkError("TooManyRequests", 429))).toBe(true);
    expect(isTransient(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(true);
  });
  it("never retries 4xx", () => {
    for (const [name, status] of [["NoSuchBucket", 404], ["AccessDenied", 403], ["SignatureDoesNotMatch", 403], ["InvalidArgument", 400]] as const) {
      expect(isTransient(sdkError(name, status))).toBe(false);
    }
  });
});

describe("describeS3Error", () => {
  it("names the cause and the fix", () => {
    expect(describeS3Error(sdkError("SignatureDoesNotMatch", 403), where, "write config").message).toBe(
      `The secret access key was rejected by ${where}: check the secret access key (and the region)`,
    );
    expect(describeS3Error(sdkError("AccessDenied", 403), where, "delete locks/x").message).toMatch(/Access denied by .* while trying to delete locks\/x: the key needs s3:ListBucket/);
    expect(describeS3Error(sdkError("PermanentRedirect", 301), where, "list data").message).toMatch(/is in another region/);
    expect(describeS3Error(Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }), where, "list data").message).toBe(
      `Cannot reach ${where} (ENOTFOUND): check the endpoint URL, DNS and firewall`,
    );
  });
});
