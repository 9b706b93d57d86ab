/** Reads samples out of a Prometheus text exposition (what `GET /metrics` answers). */

/** Every sample of `name` whose labels include `labels`, as [labels, value]. */
export function samples(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): [Record<string, string>, number][] {
  const found: [Record<string, string>, number][] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const parsed: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) parsed[pair[1]!] = pair[2]!;
    if (Object.entries(labels).every(([k, v]) => parsed[k] === v)) found.push([parsed, Number(match[3])]);
  }
  return found;
}

/** The sum of the matching samples' values (0 when there is none). */
export function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  return samples(text, name, labels).reduce((sum, [, value]) => sum + value, 0);
}
