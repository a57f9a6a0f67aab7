// SPDY/3 name/value header blocks (§2.6.10): a count, then length-prefixed lowercase names and
// values (several values of one name joined by NUL), compressed with zlib primed with the SPDY
// dictionary. Each direction of a session has ONE zlib context for all its blocks, flushed with
// Z_SYNC_FLUSH after each, so blocks must be (de)compressed exactly in wire order.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY_DICTIONARY } from './dictionary.js';
import { portForwardError } from './errors.js';

export type SpdyHeaders = Record<string, string>;

/** A decompressed block must stay small: port-forward headers are a few short fields. */
const MAX_BLOCK_BYTES = 256 * 1024;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const entries = Object.entries(headers);
  const parts: Buffer[] = [u32(entries.length)];
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase());
    const v = Buffer.from(value);
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

/** Decodes a block; names are lowercased, multiple values keep their NUL separators. */
export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  let at = 0;
  const take = (n: number): Buffer => {
    if (at + n > block.length) throw portForwardError('HEADERS_INVALID', 'truncated block');
    const out = block.subarray(at, at + n);
    at += n;
    return out;
  };
  const count = take(4).readUInt32BE(0);
  const headers: SpdyHeaders = {};
  for (let i = 0; i < count; i++) {
    const name = take(take(4).readUInt32BE(0)).toString().toLowerCase();
    const value = take(take(4).readUInt32BE(0)).toString();
    if (name === '') throw portForwardError('HEADERS_INVALID', 'empty header name');
    headers[name] = value;
  }
  if (at !== block.length) throw portForwardError('HEADERS_INVALID', `${block.length - at} trailing bytes`);
  return headers;
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
}

/** One direction's zlib context: `process` runs blocks one at a time, in call order. */
export class HeaderZlib {
  private chain: Promise<unknown> = Promise.resolve();
  private out: Buffer[] = [];
  private size = 0;
  private failure: Error | undefined;
  private rejectCurrent: ((err: Error) => void) | undefined;

  private constructor(private readonly engine: Inflate | Deflate) {
    engine.on('readable', () => this.drain());
    engine.on('error', (err: Error) => (this.failure ??= err));
  }

  static inflater(): HeaderZlib {
    return new HeaderZlib(createInflate({ dictionary: SPDY_DICTIONARY }));
  }

  static deflater(): HeaderZlib {
    return new HeaderZlib(createDeflate({ dictionary: SPDY_DICTIONARY }));
  }

  process(input: Buffer): Promise<Buffer> {
    const run = (): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        if (this.failure) return reject(portForwardError('HEADERS_INVALID', this.failure.message));
        this.out = [];
        this.size = 0;
        const onError = (err: Error): void => reject(portForwardError('HEADERS_INVALID', err.message));
        this.rejectCurrent = onError;
        this.engine.once('error', onError);
        this.engine.write(input);
        this.engine.flush(constants.Z_SYNC_FLUSH, () => {
          this.engine.off('error', onError);
          this.rejectCurrent = undefined;
          this.drain();
          if (this.failure) return reject(portForwardError('HEADERS_INVALID', this.failure.message));
          resolve(Buffer.concat(this.out));
        });
      });
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.engine.destroy();
  }

  private drain(): void {
    for (let chunk: Buffer | null = this.engine.read() as Buffer | null; chunk !== null; chunk = this.engine.read() as Buffer | null) {
      this.size += chunk.length;
      if (this.size > MAX_BLOCK_BYTES) {
        this.failure ??= new Error(`header block larger than ${MAX_BLOCK_BYTES} bytes`);
        this.engine.destroy();
        this.rejectCurrent?.(this.failure);
        return;
      }
      this.out.push(chunk);
    }
  }
}
