"use client";
// The jobs list's filter form: a GET form (works by keyboard, and without JavaScript); with JavaScript the URL it
// goes to leaves out blank fields, so a filtered view is a short link to share.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { buttonClass, inputClass } from "@/components/ui/primitives";
import { kindLabel } from "@/components/jobs/progress";
import { JOB_KINDS, JOB_STATUSES, jobsHref, parseJobSearch, type JobSearch } from "./filters";

const label = "block text-xs font-medium text-slate-600 dark:text-slate-400";

function SelectFilter({ name, label: text, any, value, options }: { name: string; label: string; any: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={label}>{text}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{any}</option>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

export function JobFilters({ search, sources }: { search: JobSearch; sources: { id: string; name: string }[] }) {
  const router = useRouter();
  const active = Boolean(search.kind || search.status || search.source || search.from || search.to);
  return (
    <form
      method="get"
      action="/jobs"
      onSubmit={(e) => {
        e.preventDefault();
        const fields = Object.fromEntries([...new FormData(e.currentTarget).entries()].map(([k, v]) => [k, String(v)]));
        router.push(jobsHref(parseJobSearch(fields)));
      }}
      role="search" aria-label="Filter jobs" className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-slate-800 dark:bg-slate-900">
      <SelectFilter name="kind" label="Kind" any="any kind" value={search.kind} options={JOB_KINDS.map((k) => [k, kindLabel(k)])} />
      <SelectFilter name="status" label="Status" any="any status" value={search.status} options={JOB_STATUSES.map((st) => [st, st.toLowerCase()])} />
      <SelectFilter name="source" label="Source" any="any source" value={search.source} options={sources.map((so) => [so.id, so.name])} />
      <div>
        <label htmlFor="filter-from" className={label}>Created from (UTC day)</label>
        <input id="filter-from" name="from" type="date" defaultValue={search.from ?? ""} className={inputClass} />
      </div>
      <div>
        <label htmlFor="filter-to" className={label}>to (inclusive)</label>
        <input id="filter-to" name="to" type="date" defaultValue={search.to ?? ""} className={inputClass} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass.primary}>Apply filters</button>
        {active ? <Link href="/jobs" className={buttonClass.secondary}>Clear</Link> : null}
      </div>
    </form>
  );
}
