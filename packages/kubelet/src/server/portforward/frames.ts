// SPDY/3.1 framing (draft 3.1 §2.2): 8-byte headers, control frames (version 3, a type, flags,
// 24-bit length) and data frames (31-bit stream id, flags, 24-bit length). Header blocks stay
// compressed here; the session inflates them in order with its one zlib context.
import { portForwardError } from './errors.js';

export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;
export const MAX_FRAME_LENGTH = 0xffffff;

export const ControlType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;

/** RST_STREAM status codes (§2.6.3) that we send. */
export const RstStatus = { protocolError: 1, invalidStream: 2, refusedStream: 3, cancel: 5, internalError: 6 } as const;

export type Frame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; type: number; flags: number; payload: Buffer };

function header(first: number, flags: number, length: number): Buffer {
  if (length > MAX_FRAME_LENGTH) throw portForwardError('FRAME_INVALID', `length ${length} exceeds ${MAX_FRAME_LENGTH}`);
  const h = Buffer.alloc(8);
  h.writeUInt32BE(first >>> 0, 0);
  h.writeUInt32BE(((flags & 0xff) << 24 | length) >>> 0, 4);
  return h;
}

export function encodeControl(type: number, flags: number, payload: Buffer): Buffer {
  return Buffer.concat([header((0x8000 | SPDY_VERSION) << 16 | type, flags, payload.length), payload]);
}

export function encodeData(streamId: number, flags: number, data: Buffer): Buffer {
  return Buffer.concat([header(streamId & 0x7fffffff, flags, data.length), data]);
}

const u32s = (...values: number[]): Buffer => {
  const b = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, i * 4));
  return b;
};

export const synStreamPayload = (streamId: number, block: Buffer): Buffer => Buffer.concat([u32s(streamId, 0), Buffer.of(0, 0), block]);
export const synReplyPayload = (streamId: number, block: Buffer): Buffer => Buffer.concat([u32s(streamId), block]);
export const rstStreamPayload = (streamId: number, status: number): Buffer => u32s(streamId, status);
export const pingPayload = (id: number): Buffer => u32s(id);
export const goAwayPayload = (lastGoodStreamId: number, status: number): Buffer => u32s(lastGoodStreamId, status);

/** The stream id a stream-scoped control frame names (its first word). */
export function streamIdOf(payload: Buffer): number {
  if (payload.length < 4) throw portForwardError('FRAME_INVALID', 'control frame too short for a stream id');
  return payload.readUInt32BE(0) & 0x7fffffff;
}

/** Where a SYN_STREAM / SYN_REPLY / HEADERS frame's compressed header block starts. */
export function headerBlockOffset(type: number): number {
  return type === ControlType.synStream ? 10 : 4;
}

/** Splits a byte stream into frames; bytes of a frame not yet complete wait for the next push. */
export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= 8) {
      const word = this.pending.readUInt32BE(0);
      const flagsLength = this.pending.readUInt32BE(4);
      const length = flagsLength & 0xffffff;
      if (this.pending.length < 8 + length) break;
      const body = Buffer.from(this.pending.subarray(8, 8 + length));
      const flags = flagsLength >>> 24;
      this.pending = this.pending.subarray(8 + length);
      if (word & 0x80000000) {
        const version = (word >>> 16) & 0x7fff;
        if (version !== SPDY_VERSION) throw portForwardError('FRAME_INVALID', `unsupported SPDY version ${version}`);
        frames.push({ control: true, type: word & 0xffff, flags, payload: body });
      } else {
        const streamId = word & 0x7fffffff;
        if (streamId === 0) throw portForwardError('FRAME_INVALID', 'data frame on stream 0');
        frames.push({ control: false, streamId, flags, data: body });
      }
    }
    return frames;
  }
}
