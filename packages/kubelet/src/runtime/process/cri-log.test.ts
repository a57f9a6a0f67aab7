import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../testing/fixtures.js';
import { CriLogWriter, MAX_RECORD_BYTES, parseRecord } from './cri-log.js';
import { readCriLog, tailOffset } from './cri-log-reader.js';

const TS = '2026-01-02T03:04:05.000000001Z';

describe('CRI log format', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubelite-cri-log-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function write(name: string, fill: (w: CriLogWriter) => void): string {
    const path = join(dir, name);
    const fd = openSync(path, 'a');
    const w = new CriLogWriter(fd, () => TS);
    fill(w);
    w.flush();
    closeSync(fd);
    return path;
  }

  it('writes whole lines as F, unfinished and overlong ones as P', () => {
    const path = write('a.log', (w) => {
      w.write('stdout', Buffer.from('hel'));
      w.write('stderr', Buffer.from('err\n'));
      w.write('stdout', Buffer.from('lo\nbye'));
      w.write('stdout', Buffer.alloc(MAX_RECORD_BYTES + 5, 'x'));
    });
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.slice(0, 2)).toEqual([`${TS} stderr F err`, `${TS} stdout F hello`]);
    expect(lines[2]).toBe(`${TS} stdout P bye${'x'.repeat(MAX_RECORD_BYTES - 3)}`);
    expect(lines[3]).toBe(`${TS} stdout P xxxxxxxx`);
    expect(parseRecord(Buffer.from(`${TS} stdout F `))).toMatchObject({ stream: 'stdout', partial: false, content: Buffer.alloc(0) });
    expect(parseRecord(Buffer.from('garbage'))).toBeUndefined();
  });

  it('finds the tail from the end of the file', async () => {
    const path = write('b.log', (w) => {
      for (let i = 0; i < 5000; i++) w.write('stdout', Buffer.from(`line ${i}\n`));
    });
    const fh = await open(path, 'r');
    const { size } = await fh.stat();
    const offset = await tailOffset(fh, size, 3);
    await fh.close();
    expect(readFileSync(path).subarray(offset).toString().split('\n')[0]).toMatch(/ F line 4997$/);
    const tail = await collect(readCriLog(path, { tailLines: 2 }, async () => true));
    expect(tail.map((l) => l.line.toString())).toEqual(['line 4998\n', 'line 4999\n']);
    expect((await collect(readCriLog(path, { tailLines: 10_000 }, async () => true))).length).toBe(5000);
    expect(await collect(readCriLog(join(dir, 'missing.log'), {}, async () => true))).toEqual([]);
  });
});
