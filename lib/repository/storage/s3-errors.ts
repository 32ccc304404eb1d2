// S3 failures: which are worth retrying (5xx, throttling, network) and a message naming the cause and the fix.
import { RepositoryError } from "../errors";

export class S3StorageError extends RepositoryError {
  constructor(
    message: string,
    readonly code: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED", "UND_ERR_SOCKET"]);
const THROTTLING = new Set(["SlowDown", "Throttling", "ThrottlingException", "TooManyRequests", "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable"]);

export function statusOf(err: unknown): number | undefined {
  return (err as SdkError)?.$metadata?.httpStatusCode;
}

export function codeOf(err: unknown): string {
  const e = err as SdkError;
  const nested = (e?.cause as SdkError | undefined)?.code;
  return e?.code ?? nested ?? e?.name ?? "Error";
}

/** Transient: the same request may well succeed in a moment. 4xx (bad key, missing bucket, denied) never is. */
export function isTransient(err: unknown): boolean {
  const status = statusOf(err);
  const code = codeOf(err);
  if (THROTTLING.has(code) || status === 429) return true;
  if (status !== undefined && status >= 500) return true;
  if (status !== undefined && status >= 400) return false;
  return NETWORK_CODES.has(code) || code === "TimeoutError" || /socket hang up|ECONNRESET|timed? ?out/i.test((err as SdkError)?.message ?? "");
}

export interface RetryOptions {
  /** Total tries, first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 200, maxDelayMs: 8_000 };

/** Exponential backoff with full jitter (AWS's recommendation), only for transient failures. */
export async function withRetry<T>(what: () => Promise<T>, opts: RetryOptions = DEFAULT_RETRY, onRetry?: (err: unknown, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await what();
    } catch (err) {
      if (attempt >= opts.attempts || !isTransient(err)) throw err;
      onRetry?.(err, attempt);
      const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
      await new Promise((r) => setTimeout(r, Math.random() * cap));
    }
  }
}

/** Turns an SDK error into a sentence a DBA can act on. `where` is "s3://bucket/prefix at <endpoint>". */
export function describeS3Error(err: unknown, where: string, action: string): S3StorageError {
  const status = statusOf(err);
  const code = codeOf(err);
  const raw = (err as SdkError)?.message ?? String(err);
  let message: string;
  switch (code) {
    case "NoSuchBucket":
      message = `The bucket of ${where} does not exist: create it, or correct the bucket name`;
      break;
    case "InvalidAccessKeyId":
      message = `The access key id is not known to ${where}: check the access key id`;
      break;
    case "SignatureDoesNotMatch":
      message = `The secret access key was rejected by ${where}: check the secret access key (and the region)`;
      break;
    case "AccessDenied":
    case "Forbidden":
      message = `Access denied by ${where} while trying to ${action}: the key needs s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on this bucket and prefix`;
      break;
    case "PermanentRedirect":
    case "AuthorizationHeaderMalformed":
    case "IllegalLocationConstraintException":
      message = `${where} is in another region: set the bucket's region (${raw})`;
      break;
    default:
      if (NETWORK_CODES.has(code) || code === "TimeoutError") {
        message = `Cannot reach ${where} (${code}): check the endpoint URL, DNS and firewall`;
      } else if (status === 403) {
        message = `Access denied by ${where} while trying to ${action} (HTTP 403): check the credentials and the bucket policy`;
      } else if (status === 404 && action.startsWith("list")) {
        message = `The bucket of ${where} does not exist: create it, or correct the bucket name`;
      } else {
        message = `S3 error from ${where} while trying to ${action}: ${code}${status ? ` (HTTP ${status})` : ""}${raw && raw !== code ? ` — ${raw}` : ""}`;
      }
  }
  return new S3StorageError(message, code, status);
}
