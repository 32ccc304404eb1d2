// next-auth configuration: credentials (scrypt) always, OIDC when its variables are set; JWT sessions carry the role.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "../db/audit";
import { oidcAccount, recordLogin } from "../db/users";
import { env, oidcConfig } from "../env";
import { AppError } from "../errors";
import { clientIpFrom } from "./client-ip";
import type { Role } from "./roles";
import { authSecret } from "./secret";
import { signInWithPassword } from "./sign-in";

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  return clientIpFrom((name) => headers?.[name]);
}

function providers(): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) throw new Error("Enter your e-mail and password.");
        try {
          return await signInWithPassword(credentials.email, credentials.password, clientIp(req?.headers));
        } catch (error) {
          // next-auth passes an Error's message to the sign-in form; only our own messages may go there.
          throw new Error(error instanceof AppError ? error.message : "Sign-in failed because of a server error. Try again.");
        }
      },
    }),
  ];
  const oidc = oidcConfig();
  if (oidc) {
    list.push({
      id: "oidc",
      name: oidc.name,
      type: "oauth",
      wellKnown: `${oidc.issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string }) {
        return { id: profile.sub, email: profile.email ?? "", name: profile.name ?? profile.email ?? profile.sub };
      },
    });
  }
  return list;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return "/login?error=OidcNoEmail";
        // The id token's email_verified claim: false is refused outright; accounts are bound to the provider account
        // that first used them (see oidcAccount).
        const claim = (profile as { email_verified?: boolean | string } | undefined)?.email_verified;
        if (claim === false || claim === "false") return "/login?error=OidcUnverified";
        const found = await oidcAccount(user.email, user.name ?? "", env().OIDC_DEFAULT_ROLE, claim === true || claim === "true", `${oidcConfig()?.issuer ?? ""}|${account.providerAccountId}`);
        if (!found) return "/login?error=OidcUnverified";
        const local = found.user;
        if (local.disabled) return "/login?error=AccountDisabled";
        if (found.created) {
          await recordAudit({ id: local.id, email: local.email }, { action: "user.created", targetType: "user", targetId: local.id, details: { email: local.email, role: local.role, via: "oidc" } });
        }
        await recordLogin(local.id);
        await recordAudit({ id: local.id, email: local.email }, { action: "auth.sign_in", targetType: "user", targetId: local.id, details: { method: "oidc", email: local.email } });
        Object.assign(user, { id: local.id, role: local.role, email: local.email });
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          const u = user as { id: string; role?: Role };
          token.uid = u.id;
          token.role = u.role ?? "VIEWER";
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.uid) await recordAudit({ id: token.uid as string, email: token.email ?? null }, { action: "auth.sign_out", targetType: "user", targetId: token.uid as string });
      },
    },
  };
}
