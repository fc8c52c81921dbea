/** Makes an id from `prefix` that is not in `taken`: `linear-1`, `linear-2`, ... */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base =
    prefix
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'node';
  for (let n = 1; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}
