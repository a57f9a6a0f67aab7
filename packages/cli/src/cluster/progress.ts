// Phase lines for cluster up/down: "… waiting for X" while it runs, "✓ X" when done. On a
// terminal the pending line is rewritten in place (with what is still missing); elsewhere (a
// log, a pipe, a test) each phase is printed once, so the output stays readable.

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** a terminal's width: a pending line is cut to fit, since a wrapped line cannot be rewritten */
  columns?: number;
}

export class Progress {
  private pending = '';
  private readonly tty: boolean;

  constructor(
    private readonly out: ProgressStream,
    tty?: boolean,
  ) {
    this.tty = tty ?? out.isTTY === true;
  }

  /** A phase begins. */
  start(text: string): void {
    this.clear();
    this.pending = `… ${text}`;
    this.out.write(this.tty ? this.fit(this.pending) : `${this.pending}\n`);
  }

  /** What the running phase is doing now; shown on a terminal only. */
  update(text: string): void {
    if (!this.tty) return;
    this.clear();
    this.pending = `… ${text}`;
    this.out.write(this.fit(this.pending));
  }

  done(text: string): void {
    this.line(`✓ ${text}`);
  }

  warn(text: string): void {
    this.line(`! ${text}`);
  }

  info(text: string): void {
    this.line(text);
  }

  /** Ends a pending line before something else (an error on stderr) is printed. */
  clear(): void {
    if (!this.pending) return;
    if (this.tty) this.out.write('\r\x1b[K');
    this.pending = '';
  }

  private fit(text: string): string {
    const width = this.out.columns;
    return width && text.length >= width ? `${text.slice(0, Math.max(0, width - 2))}…` : text;
  }

  private line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
  }
}

/** Discards everything; for callers that want no output. */
export const silentProgress = (): Progress => new Progress({ write: () => true }, false);
