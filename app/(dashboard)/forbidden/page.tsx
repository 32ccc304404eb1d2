import Link from "next/link";

export const metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <div className="mx-auto mt-16 max-w-md text-center">
      <h1 className="text-2xl font-semibold">You do not have access to that page</h1>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        Your role does not allow it. An admin can change your role in Settings → Users.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-brand-600 underline">Back to the overview</Link>
    </div>
  );
}
