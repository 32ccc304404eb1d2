"use client";
// The frame around every signed-in page: navigation (sidebar on a laptop, a menu on a phone) and the user's name and role.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useRef, useState, useSyncExternalStore, type ReactNode } from "react";

export interface NavItem {
  href: string;
  label: string;
}

const noSubscription = () => () => {};

function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function AppShell({ nav, user, children }: { nav: NavItem[]; user: { name: string; email: string; roleLabel: string }; children: ReactNode }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  // False in the server's HTML and until React has hydrated: a tap on the menu before then would be lost silently,
  // so the button stays disabled until it can answer.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const links = (
    <ul className="space-y-1">
      {nav.map((item) => (
        <li key={item.href}>
          <Link
            href={item.href}
            onClick={() => setOpen(false)}
            aria-current={isActive(pathname, item.href) ? "page" : undefined}
            className={`block rounded-md px-3 py-2 text-sm font-medium ${
              isActive(pathname, item.href)
                ? "bg-brand-100 text-brand-700 dark:bg-slate-800 dark:text-white"
                : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );

  const userBox = (
    <div className="border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
      <div className="font-medium" data-testid="current-user">{user.name}</div>
      <div className="truncate text-xs text-slate-500">{user.email}</div>
      <div className="mt-1 text-xs text-slate-500">Role: <span data-testid="current-role">{user.roleLabel}</span></div>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/login" })}
        className="mt-2 rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        Sign out
      </button>
    </div>
  );

  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand-700 focus:shadow-lg dark:focus:bg-slate-900 dark:focus:text-brand-100"
      >
        Skip to main content
      </a>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden dark:border-slate-800 dark:bg-slate-900">
        <span className="text-lg font-semibold text-brand-700 dark:text-brand-100">Tidemark</span>
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          disabled={!hydrated}
          onClick={() => setOpen((v) => !v)}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm disabled:opacity-60 dark:border-slate-700"
        >
          {open ? "Close" : "Menu"}
        </button>
      </header>
      {open ? (
        <nav
          id="mobile-nav"
          aria-label="Main"
          // Escape closes the menu and puts the keyboard back on the button that opened it.
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            setOpen(false);
            menuButton.current?.focus();
          }}
          className="space-y-3 border-b border-slate-200 bg-white p-4 md:hidden dark:border-slate-800 dark:bg-slate-900">
          {links}
          {userBox}
        </nav>
      ) : null}
      <aside className="hidden w-56 shrink-0 flex-col justify-between border-r border-slate-200 bg-white p-4 md:flex dark:border-slate-800 dark:bg-slate-900">
        <div>
          <Link href="/" className="mb-6 block px-3 text-xl font-semibold text-brand-700 dark:text-brand-100">Tidemark</Link>
          <nav aria-label="Main">{links}</nav>
        </div>
        {userBox}
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">{children}</main>
    </div>
  );
}
