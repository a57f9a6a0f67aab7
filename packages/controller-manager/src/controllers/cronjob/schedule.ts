// A parsed cron schedule that can say when it next fires (robfig/cron v3's SpecSchedule.Next,
// which the CronJob controller uses). The API already validated the text with the same grammar
// (cronScheduleError); this turns it into sets of allowed values. Day-of-month and day-of-week
// combine as in cron: if either is "*" (or "?") both must match, otherwise either may.
// Times are computed on the wall clock of a zone (the CronJob's timeZone, else the process's).
import { cronScheduleError, parseGoDuration } from '@kubelite/api';

export interface Schedule {
  /** The first firing strictly after `after` (ms since the epoch); undefined if none in 5 years. */
  next(after: number): number | undefined;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const BOUNDS: ReadonlyArray<[number, number, Record<string, number>?]> = [[0, 59], [0, 23], [1, 31], [1, 12, MONTHS], [0, 6, DAYS]];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Field {
  values: Set<number>;
  /** the field was "*" or "?" (not "*\/n"): it does not restrict the day on its own */
  star: boolean;
}

function parseField(text: string, [min, max, names]: readonly [number, number, Record<string, number>?]): Field {
  const values = new Set<number>();
  let star = false;
  const num = (s: string): number => names?.[s.toLowerCase()] ?? Number.parseInt(s, 10);
  for (const expr of text.split(',').filter((e) => e !== '')) {
    const [range = '', stepText] = expr.split('/');
    const [lo = '', hi] = range.split('-');
    const whole = lo === '*' || lo === '?';
    const start = whole ? min : num(lo);
    let end = whole ? max : hi !== undefined ? num(hi) : start;
    const step = stepText !== undefined ? Number.parseInt(stepText, 10) : 1;
    if (stepText !== undefined && hi === undefined) end = max; // "N/step" means "N-max/step"
    if (whole && step === 1) star = true;
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return { values, star };
}

/** Wall-clock fields of an instant in a zone, and back. */
interface Zone {
  fields(ms: number): [number, number, number, number, number];
  instant(y: number, mo: number, d: number, h: number, mi: number): number;
}

const UTC_ZONE: Zone = {
  fields: (ms) => {
    const t = new Date(ms);
    return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
  },
  instant: (y, mo, d, h, mi) => Date.UTC(y, mo - 1, d, h, mi),
};

const LOCAL_ZONE: Zone = {
  fields: (ms) => {
    const t = new Date(ms);
    return [t.getFullYear(), t.getMonth() + 1, t.getDate(), t.getHours(), t.getMinutes()];
  },
  instant: (y, mo, d, h, mi) => new Date(y, mo - 1, d, h, mi).getTime(),
};

/** An IANA zone through Intl: the offset at an instant is what its wall clock says minus UTC. */
function ianaZone(name: string): Zone {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  const fields = (ms: number): [number, number, number, number, number] => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
    return [p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0];
  };
  const offset = (ms: number): number => UTC_ZONE.instant(...fields(ms)) - Math.floor(ms / 60_000) * 60_000;
  return {
    fields,
    instant: (y, mo, d, h, mi) => {
      const wall = Date.UTC(y, mo - 1, d, h, mi);
      const guess = wall - offset(wall);
      return wall - offset(guess);
    },
  };
}

export function zoneFor(timeZone: string | null | undefined): Zone {
  if (!timeZone || timeZone === 'Local') return LOCAL_ZONE;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return UTC_ZONE;
  return ianaZone(timeZone); // throws RangeError for a zone this process does not know
}

class SpecSchedule implements Schedule {
  constructor(
    private readonly f: readonly Field[],
    private readonly zone: Zone,
  ) {}

  private dayMatches(y: number, mo: number, d: number): boolean {
    const [, , dom, , dow] = this.f as [Field, Field, Field, Field, Field];
    const domMatch = dom.values.has(d);
    const dowMatch = dow.values.has(new Date(Date.UTC(y, mo - 1, d)).getUTCDay());
    return dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  }

  next(after: number): number | undefined {
    const [minute, hour, , month] = this.f as [Field, Field, Field, Field, Field];
    // Work on wall-clock fields with UTC as a plain calendar; seconds are always 0.
    let w = UTC_ZONE.instant(...this.zone.fields(after)) + 60_000;
    const limit = w + 5 * 366 * 86_400_000;
    while (w < limit) {
      const t = new Date(w);
      const [y, mo, d, h, mi] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()];
      if (!month.values.has(mo)) w = Date.UTC(y, mo, 1);
      else if (!this.dayMatches(y, mo, d)) w = Date.UTC(y, mo - 1, d + 1);
      else if (!hour.values.has(h)) w = Date.UTC(y, mo - 1, d, h + 1);
      else if (!minute.values.has(mi)) w += 60_000;
      else {
        const at = this.zone.instant(y, mo, d, h, mi);
        if (at > after) return at;
        w += 60_000; // a wall time repeated when clocks go back
      }
    }
    return undefined;
  }
}

/** robfig's ConstantDelaySchedule: whole seconds after the previous time. */
class EverySchedule implements Schedule {
  constructor(private readonly ms: number) {}
  next(after: number): number {
    return Math.floor(after / 1000) * 1000 + this.ms;
  }
}

function parseEvery(d: string): number {
  const ms = parseGoDuration(d) ?? 0;
  // robfig rounds @every to whole seconds, at least one.
  return Math.max(1000, Math.floor(ms / 1000) * 1000);
}

/** cron.ParseStandard: throws with the parser's message when the schedule is not valid. */
export function parseSchedule(spec: string, timeZone?: string | null): Schedule {
  const err = cronScheduleError(spec);
  if (err !== undefined) throw new Error(err);
  let rest = spec.trim();
  let tz = timeZone;
  const prefix = /^(?:CRON_)?TZ=(\S+)\s*/.exec(rest);
  if (prefix) {
    tz = prefix[1];
    rest = rest.slice(prefix[0].length);
  }
  if (rest.startsWith('@every ')) return new EverySchedule(parseEvery(rest.slice('@every '.length)));
  const fields = (DESCRIPTORS[rest] ?? rest).split(/\s+/).filter((f) => f !== '');
  return new SpecSchedule(fields.map((f, i) => parseField(f, BOUNDS[i]!)), zoneFor(tz));
}
