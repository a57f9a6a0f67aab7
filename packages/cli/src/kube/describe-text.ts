// The text layout of `kubectl describe`: "Key:  value" lines aligned per block, maps printed one
// entry a line, nested sections indented two spaces, and the Events table at the end.
import { ageOf } from './age.js';
import { renderColumns } from './table.js';

export type Field = readonly [key: string, value: string | readonly string[]];

/** Aligned `Key:  value` lines; a list value continues on following lines under the first. */
export function fields(list: readonly Field[], indent = ''): string {
  const width = Math.max(0, ...list.map(([k]) => k.length + 1)) + 2;
  return list
    .map(([k, v]) => {
      const values = typeof v === 'string' ? [v] : v.length > 0 ? v : ['<none>'];
      const pad = `${indent}${' '.repeat(width)}`;
      return values.map((line, i) => (i === 0 ? `${indent}${`${k}:`.padEnd(width)}${line}` : `${pad}${line}`)).join('\n');
    })
    .join('\n')
    .concat('\n');
}

export function mapLines(m: Readonly<Record<string, unknown>> | undefined, sep = '='): string[] {
  return Object.entries(m ?? {}).map(([k, v]) => `${k}${sep}${String(v)}`);
}

/** The core/v1 Event fields describe shows. */
export interface DescribedEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata: { creationTimestamp?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

export function eventsSection(events: readonly DescribedEvent[], now = Date.now()): string {
  if (events.length === 0) return 'Events:  <none>\n';
  const rows = events.map((e) => {
    const last = e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
    const first = e.firstTimestamp ?? e.eventTime;
    const age = (e.count ?? 1) > 1 && first ? `${ageOf(last, now)} (x${e.count ?? 1} over ${ageOf(first, now)})` : ageOf(last, now);
    const from = e.source?.component || e.reportingComponent || '';
    return [e.type ?? '', e.reason ?? '', age, from, (e.message ?? '').trim()];
  });
  const body = renderColumns([['Type', 'Reason', 'Age', 'From', 'Message'], ['----', '------', '----', '----', '-------'], ...rows]);
  return `Events:\n${body.split('\n').filter((l) => l !== '').map((l) => `  ${l}`).join('\n')}\n`;
}
