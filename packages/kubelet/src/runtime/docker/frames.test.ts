import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../lines.js';
import { parseTimestamped } from './logs.js';
import { FrameParser } from './frames.js';

function frame(kind: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('Docker stream frames', () => {
  it('keeps the order of stdout and stderr frames across arbitrary chunking', () => {
    const all = Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n'), frame(1, 'c'), frame(3, 'daemon error')]);
    const parser = new FrameParser();
    const got: string[] = [];
    for (let i = 0; i < all.length; i += 3) {
      for (const f of parser.push(all.subarray(i, i + 3))) got.push(`${f.stream}:${f.payload.toString()}`);
    }
    expect(got).toEqual(['stdout:a\n', 'stderr:b\n', 'stdout:c', 'stderr:daemon error']);
    expect(parser.leftover).toBe(0);
  });

  it('splits lines keeping newlines and returns the partial tail', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('x\ny')).map(String)).toEqual(['x\n']);
    expect(s.push(Buffer.from('z\nw')).map(String)).toEqual(['yz\n']);
    expect(String(s.flush())).toBe('w');
  });

  it('reads Docker log timestamps', () => {
    const l = parseTimestamped('stdout', Buffer.from('2026-11-24T09:59:49.608609078Z tick\n'), undefined);
    expect(l).toEqual({ stream: 'stdout', timestamp: '2026-11-24T09:59:49.608609078Z', line: Buffer.from('tick\n') });
    const cont = parseTimestamped('stderr', Buffer.from('no stamp\n'), '2026-11-24T09:59:49.608609078Z');
    expect(cont.timestamp).toBe('2026-11-24T09:59:49.608609078Z');
    expect(cont.line.toString()).toBe('no stamp\n');
  });
});
