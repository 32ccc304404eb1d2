// Inputs of the storage actions: a local directory or an S3-compatible bucket, a name, and an optional own passphrase.
import { z } from "zod";

const name = z.string().trim().min(1, "Give the target a name").max(80, "Keep the name under 80 characters");
/** Empty: Tidemark generates one (shown once). Otherwise long enough to resist guessing. */
const passphrase = z.union([z.literal(""), z.string().min(12, "A passphrase needs at least 12 characters (or leave it empty to generate one)").max(1024)]).default("");

export const localStorageFields = z.object({
  kind: z.literal("LOCAL"),
  path: z.string().trim().min(1, "Enter the directory").max(4096).refine((p) => p.startsWith("/"), "Give an absolute directory path (starting with /) as the workers see it"),
});

export const s3StorageFields = z.object({
  kind: z.literal("S3"),
  endpoint: z.union([z.literal(""), z.url("The endpoint must be a URL such as https://minio.example:9000")]).default(""),
  region: z.string().trim().min(1, "Enter the region (us-east-1 for most S3-compatible servers)").max(64),
  bucket: z.string().trim().min(3, "Enter the bucket name").max(63).regex(/^[a-z0-9][a-z0-9.-]+$/, "Bucket names are lower-case letters, digits, dots and hyphens"),
  prefix: z.string().trim().max(512).regex(/^[^/].*|^$/, "Leave the leading / out of the prefix").default(""),
  accessKeyId: z.string().trim().min(1, "Enter the access key id").max(256),
  secretAccessKey: z.string().min(1, "Enter the secret access key").max(256),
  forcePathStyle: z.boolean().default(false),
});

export const storageFields = z.discriminatedUnion("kind", [localStorageFields, s3StorageFields]);
export type StorageFields = z.infer<typeof storageFields>;

export const createStorageInput = z.object({ name, passphrase, target: storageFields });
export const testStorageInput = z.object({ target: storageFields });
export const storageJobInput = z.object({ id: z.string().min(1) });
export const pruneStorageInput = z.object({ id: z.string().min(1), confirmName: z.string() });
