import { describe, expect, it } from 'vitest';
import { JsonStreamFramer, parseWatchEvent } from './watch.js';

const events = [
  { type: 'ADDED', object: { metadata: { name: 'a', labels: { x: '}{"' } } } },
  { type: 'MODIFIED', object: { metadata: { name: 'ünïcødé-名前', annotations: { q: 'say \\"hi\\" ]' } } } },
  { type: 'DELETED', object: { metadata: { name: 'c' }, spec: { list: [[1, 2], { deep: [{}] }] } } },
];

function frameAll(pieces: string[]): string[] {
  const f = new JsonStreamFramer();
  return pieces.flatMap((p) => f.push(p));
}

describe('JsonStreamFramer', () => {
  const text = events.map((e) => JSON.stringify(e) + '\n').join('');

  it('frames newline-delimited events delivered whole', () => {
    expect(frameAll([text]).map((t) => JSON.parse(t))).toEqual(events);
  });

  it('frames the same events split at every possible position', () => {
    for (let i = 0; i <= text.length; i++) {
      const out = frameAll([text.slice(0, i), text.slice(i)]);
      expect(out.map((t) => JSON.parse(t))).toEqual(events);
    }
  });

  it('frames one character at a time, and without newlines or with extra whitespace', () => {
    expect(frameAll([...text]).map((t) => JSON.parse(t))).toEqual(events);
    const bare = events.map((e) => JSON.stringify(e)).join('');
    expect(frameAll([bare]).map((t) => JSON.parse(t))).toEqual(events);
    const pretty = events.map((e) => JSON.stringify(e, null, 2)).join('\r\n\n  ');
    expect(frameAll([pretty]).map((t) => JSON.parse(t))).toEqual(events);
  });

  it('reports a value cut short and rejects junk between values', () => {
    const f = new JsonStreamFramer();
    expect(f.push('{"type":"ADDED","obj')).toEqual([]);
    expect(f.partial).toBe(true);
    expect(() => new JsonStreamFramer().push('{}\nnull\n')).toThrow(SyntaxError);
  });
});

describe('parseWatchEvent', () => {
  it('accepts the five event types and rejects other shapes', () => {
    for (const type of ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']) {
      expect(parseWatchEvent(JSON.stringify({ type, object: {} })).type).toBe(type);
    }
    expect(() => parseWatchEvent('{"type":"RENAMED","object":{}}')).toThrow(/unknown event type/);
    expect(() => parseWatchEvent('{"type":"ADDED"}')).toThrow(/without an object/);
    expect(() => parseWatchEvent('[1]')).toThrow();
  });
});
