-- The identity-provider account (issuer and subject) a user signed in with first: later sign-ins must come from it,
-- not merely from an identity that claims the same e-mail address.
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");
