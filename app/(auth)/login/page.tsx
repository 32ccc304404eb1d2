import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { localPath } from "@/lib/auth/local-path";
import { currentUser } from "@/lib/auth/session";
import { oidcConfig } from "@/lib/env";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  AccountDisabled: "This account is disabled. Ask an admin to enable it.",
  OidcNoEmail: "Your identity provider did not share an e-mail address.",
  OidcUnverified: "Your identity provider has not verified this e-mail address, so it cannot open an existing Tidemark account. Verify it there, or sign in with your password.",
  OAuthSignin: "Could not reach the identity provider. Try again or use your password.",
  OAuthCallback: "The identity provider's answer could not be verified. Try again.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = localPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const oidc = oidcConfig();
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-3xl font-semibold tracking-tight text-brand-700 dark:text-brand-100">Tidemark</div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Database backups you can see, preview and restore.</p>
        </div>
        <LoginForm
          callbackUrl={callbackUrl}
          oidcName={oidc?.name ?? null}
          initialError={params.error ? (ERRORS[params.error] ?? null) : null}
        />
      </div>
    </main>
  );
}
