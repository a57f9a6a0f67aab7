import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SPDY_DICTIONARY } from './dictionary.js';
import { ControlType, FLAG_FIN, FrameParser, encodeControl, encodeData, synStreamPayload } from './frames.js';
import { HeaderZlib, decodeHeaderBlock, encodeHeaderBlock, type SpdyHeaders } from './header-block.js';
import { PortForwardError } from './errors.js';

describe('SPDY/3.1 framing', () => {
  it('parses control and data frames split at any byte boundary', () => {
    const bytes = Buffer.concat([
      encodeControl(ControlType.ping, 0, Buffer.from([0, 0, 0, 1])),
      encodeData(3, FLAG_FIN, Buffer.from('hello')),
      encodeControl(ControlType.synStream, 0, synStreamPayload(5, Buffer.from('blk'))),
    ]);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x80, 0x03, 0x00, 0x06]));
    const parser = new FrameParser();
    const frames = [...bytes].flatMap((b) => parser.push(Buffer.of(b)));
    expect(frames).toEqual([
      { control: true, type: ControlType.ping, flags: 0, payload: Buffer.from([0, 0, 0, 1]) },
      { control: false, streamId: 3, flags: FLAG_FIN, data: Buffer.from('hello') },
      { control: true, type: ControlType.synStream, flags: 0, payload: Buffer.concat([Buffer.from([0, 0, 0, 5, 0, 0, 0, 0, 0, 0]), Buffer.from('blk')]) },
    ]);
  });

  it('refuses another SPDY version and data on stream 0', () => {
    const v2 = Buffer.from([0x80, 0x02, 0x00, 0x06, 0, 0, 0, 4, 0, 0, 0, 1]);
    expect(() => new FrameParser().push(v2)).toThrow(/unsupported SPDY version 2/);
    expect(() => new FrameParser().push(encodeData(0, 0, Buffer.alloc(1)))).toThrow(PortForwardError);
  });
});

describe('SPDY header blocks', () => {
  it('uses the 1423-byte SPDY/3 dictionary', () => {
    expect(SPDY_DICTIONARY.length).toBe(1423);
    expect(SPDY_DICTIONARY.subarray(0, 11).toString('latin1')).toBe('\0\0\0\x07options');
    expect(SPDY_DICTIONARY.subarray(-6).toString()).toBe('enq=0.');
  });

  it('round-trips name/value blocks and lowercases names', () => {
    const block = encodeHeaderBlock({ StreamType: 'data', port: '8080', requestID: '0' });
    expect(decodeHeaderBlock(block)).toEqual({ streamtype: 'data', port: '8080', requestid: '0' });
    expect(() => decodeHeaderBlock(block.subarray(0, block.length - 1))).toThrow(/truncated/);
  });

  it('compresses every block with one zlib context primed with the dictionary', async () => {
    const deflater = HeaderZlib.deflater();
    const inflater = HeaderZlib.inflater();
    const blocks: SpdyHeaders[] = [{ streamtype: 'error', port: '80', requestid: '0' }, { streamtype: 'data', port: '80', requestid: '0' }, {}];
    const compressed: Buffer[] = [];
    for (const b of blocks) compressed.push(await deflater.process(encodeHeaderBlock(b)));
    // A zlib header announcing a preset dictionary (FDICT) whose Adler-32 is the SPDY dictionary's.
    const first = compressed[0] as Buffer;
    expect(first[1]! & 0x20).toBe(0x20);
    expect(first.readUInt32BE(2)).toBe(3821447106);
    // Stateless zlib decodes the first block alone, but the later ones depend on the shared context.
    expect(decodeHeaderBlock(inflateSync(first, { dictionary: SPDY_DICTIONARY, finishFlush: 2 }))).toEqual(blocks[0]);
    const decoded = [];
    for (const c of compressed) decoded.push(decodeHeaderBlock(await inflater.process(c)));
    expect(decoded).toEqual(blocks);
    deflater.close();
    inflater.close();
  });

  it('reports a corrupt block instead of hanging', async () => {
    const inflater = HeaderZlib.inflater();
    await expect(inflater.process(Buffer.from('definitely not zlib'))).rejects.toThrow(/invalid SPDY header block/);
    inflater.close();
  });
});
