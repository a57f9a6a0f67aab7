// Newline framing shared by the log readers and Docker's event and progress streams.
/** Splits a byte stream into lines that keep their `\n`; `flush` returns the partial tail. */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: Buffer[] = [];
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      lines.push(data.subarray(start, nl + 1));
      start = nl + 1;
    }
    this.pending = data.subarray(start);
    return lines;
  }

  flush(): Buffer | undefined {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length > 0 ? rest : undefined;
  }
}
