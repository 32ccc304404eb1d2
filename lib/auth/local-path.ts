// Where to go after signing in: only a path on this site. "//evil.example" and "/\evil.example" start with "/" but
// browsers read them as another host, so they (and anything else that is not a plain local path) send the user home.

export function localPath(callbackUrl: string | undefined | null): string {
  if (!callbackUrl || !callbackUrl.startsWith("/") || callbackUrl.startsWith("//") || callbackUrl.startsWith("/\\")) return "/";
  // Control characters (a tab or newline inside "/\t/evil") are dropped by URL parsers, which would rejoin "//".
  if (/[\u0000-\u001f\u007f\\]/.test(callbackUrl)) return "/";
  try {
    const base = "http://tidemark.invalid";
    const url = new URL(callbackUrl, base);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Normalising "/..//evil.example" gives "//evil.example": the result is checked again, not just the input.
    return url.origin === base && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
  } catch {
    return "/";
  }
}
