// A watch stream: the apiserver writes one JSON event after another on a chunked response
// (reference/kubectl-wire.md §4.3). Chunk boundaries are arbitrary — an event, or a multi-byte
// character inside one, may be split anywhere — so bytes go through a UTF-8 decoder and then a
// framer that finds where each top-level JSON value ends by tracking nesting and strings, which
// also copes with servers that omit the newline or pretty-print.
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { Status } from '@kubelite/api';
import { restError, type RestError } from './errors.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** An object event; an ERROR event carries the server's Status in place of an object. */
export type WatchEvent<T> =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T }
  | { type: 'ERROR'; object: Status };

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Splits a stream of concatenated JSON objects/arrays into one text per value. */
export class JsonStreamFramer {
  private buf = '';
  private pos = 0;
  private start = -1;
  private depth = 0;
  private inString = false;
  private escaped = false;

  /** Feeds decoded text; returns every value completed by it, in order. */
  push(text: string): string[] {
    this.buf += text;
    const out: string[] = [];
    const buf = this.buf;
    for (let i = this.pos; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (this.start < 0) {
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          this.start = i;
          this.depth = 1;
        } else if (c > 0x20) {
          throw new SyntaxError(`unexpected ${JSON.stringify(buf[i])} between events`);
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) {
        out.push(buf.slice(this.start, i + 1));
        this.start = -1;
      }
    }
    // Keep only the unfinished value so the buffer never grows past one event.
    if (this.start < 0) {
      this.buf = '';
      this.pos = 0;
    } else {
      this.buf = buf.slice(this.start);
      this.pos = this.buf.length;
      this.start = 0;
    }
    return out;
  }

  /** True when a value has started but not ended (the stream stopped mid-event). */
  get partial(): boolean {
    return this.start >= 0;
  }
}

const EVENT_TYPES: ReadonlySet<string> = new Set<WatchEventType>(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** Parses one framed event, rejecting anything not shaped like `{type, object}`. */
export function parseWatchEvent<T>(text: string): WatchEvent<T> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new SyntaxError('event is not an object');
  const { type, object } = value as { type?: unknown; object?: unknown };
  if (typeof type !== 'string' || !EVENT_TYPES.has(type)) throw new SyntaxError(`unknown event type ${JSON.stringify(type)}`);
  if (typeof object !== 'object' || object === null) throw new SyntaxError(`${type} event without an object`);
  return value as WatchEvent<T>;
}

// Past this many undelivered events the socket is paused, so a slow consumer holds the server
// back (TCP back-pressure) instead of buffering without bound.
const HIGH_WATER = 512;
const LOW_WATER = 64;

/**
 * One open watch. Iterate it with `for await`; the iteration ends when the server closes the
 * stream (timeoutSeconds, restart) or close() is called. Breaking out of the loop closes it.
 * A connection reset also just ends it, as client-go treats probable-EOF errors: the caller
 * resumes from the last resourceVersion it saw. An undecodable event ends it with a RestError.
 */
export class Watch<T> implements AsyncIterable<WatchEvent<T>> {
  private readonly queue: Array<WatchEvent<T>> = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly framer = new JsonStreamFramer();
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: RestError | undefined;
  private paused = false;

  constructor(
    private readonly response: IncomingMessage,
    private readonly url: string,
    /** tears the connection down (the request is destroyed, not returned to the pool) */
    private readonly destroy: () => void,
  ) {
    response.on('data', (chunk: Buffer) => this.onData(this.decoder.write(chunk)));
    response.on('end', () => this.finish());
    response.on('close', () => this.finish());
    response.on('error', () => this.finish());
  }

  /** Stops the watch; pending and future iteration ends without an error. */
  close(): void {
    if (this.ended) return;
    this.finish();
    this.destroy();
  }

  /** True once the stream is over (closed, ended by the server, or failed). */
  get done(): boolean {
    return this.ended && this.queue.length === 0;
  }

  private onData(text: string): void {
    if (this.ended || text === '') return;
    try {
      for (const frame of this.framer.push(text)) this.queue.push(parseWatchEvent<T>(frame));
    } catch (e) {
      this.failure = restError('BAD_WATCH_EVENT', this.url, e instanceof Error ? e.message : String(e));
      this.close();
      return;
    }
    if (this.queue.length >= HIGH_WATER && !this.paused) {
      this.paused = true;
      this.response.pause();
    }
    this.wake();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private async next(): Promise<IteratorResult<WatchEvent<T>>> {
    for (;;) {
      const event = this.queue.shift();
      if (event) {
        if (this.paused && this.queue.length <= LOW_WATER) {
          this.paused = false;
          this.response.resume();
        }
        return { value: event, done: false };
      }
      if (this.failure) {
        const failure = this.failure;
        this.failure = undefined;
        throw failure;
      }
      if (this.ended) return { value: undefined, done: true };
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    return {
      next: () => this.next(),
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
