// The key that signs session tokens: NEXTAUTH_SECRET, else derived from TIDEMARK_SECRET.
import { hkdfSync } from "node:crypto";
import { env, tidemarkSecret } from "../env";

export function authSecret(): string {
  return env().NEXTAUTH_SECRET ?? Buffer.from(hkdfSync("sha256", tidemarkSecret(), "tidemark", "nextauth v1", 32)).toString("base64url");
}
