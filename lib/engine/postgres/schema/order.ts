// Stable topological sort: objects keep their catalog order unless a dependency must come first.

export function topoSort<T>(items: T[], key: (t: T) => string | number, deps: (t: T) => (string | number)[]): T[] {
  const byKey = new Map(items.map((t) => [key(t), t]));
  const done = new Set<string | number>();
  const visiting = new Set<string | number>();
  const out: T[] = [];
  const visit = (t: T) => {
    const k = key(t);
    if (done.has(k) || visiting.has(k)) return; // a cycle is left in catalog order; the server reports it
    visiting.add(k);
    for (const d of deps(t)) {
      const dep = byKey.get(d);
      if (dep && d !== k) visit(dep);
    }
    visiting.delete(k);
    done.add(k);
    out.push(t);
  };
  items.forEach(visit);
  return out;
}
