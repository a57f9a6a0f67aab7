// Docker's multiplexed stream format for non-TTY logs, exec and attach: 8-byte headers (byte 0 the
// stream, bytes 4–7 a big-endian length) each followed by that many bytes. Parsed here rather than
// with dockerode's demuxStream so stdout and stderr keep their relative order.
export interface Frame {
  stream: 'stdout' | 'stderr';
  payload: Buffer;
}

const HEADER = 8;

export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  /** Feeds bytes; returns every frame completed by them. */
  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER) {
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - HEADER < size) break;
      const kind = this.pending[offset];
      const payload = this.pending.subarray(offset + HEADER, offset + HEADER + size);
      // 0 (stdin echo) never carries output; 3 is the daemon's own error text for exec.
      if (kind === 1) frames.push({ stream: 'stdout', payload });
      else if (kind === 2 || kind === 3) frames.push({ stream: 'stderr', payload });
      offset += HEADER + size;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }

  /** Bytes of an unfinished frame (a stream that ended mid-frame). */
  get leftover(): number {
    return this.pending.length;
  }
}
