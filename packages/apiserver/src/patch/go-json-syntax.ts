// The syntax error Go's encoding/json reports for a malformed document. The apiserver quotes it
// verbatim in 400 answers (`error decoding patch: invalid character 'x' looking for beginning of
// value`), and JSON.parse words its errors differently, so we re-scan bad input to find Go's words.

class SyntaxErr extends Error {}

function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new SyntaxErr('unexpected end of JSON input');
    throw new SyntaxErr(`invalid character ${quoteChar(this.s[this.i] ?? '')} ${context}`);
  }

  private skipSpace(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i] ?? '')) this.i++;
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  document(): void {
    this.value();
    this.skipSpace();
    if (this.i < this.s.length) this.fail('after top-level value');
  }

  private value(): void {
    this.skipSpace();
    const c = this.peek();
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.fail('looking for beginning of value');
  }

  private object(): void {
    this.i++;
    this.skipSpace();
    if (this.peek() === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skipSpace();
      if (this.peek() !== ':') this.fail('after object key');
      this.i++;
      this.value();
      this.skipSpace();
      if (this.peek() === ',') this.i++;
      else if (this.peek() === '}') return void this.i++;
      else this.fail('after object key:value pair');
    }
  }

  private array(): void {
    this.i++;
    this.skipSpace();
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      if (this.peek() === ',') this.i++;
      else if (this.peek() === ']') return void this.i++;
      else this.fail('after array element');
    }
  }

  private string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('');
      if (c === '"') return void this.i++;
      if (c < ' ') this.fail('in string literal');
      this.i++;
      if (c === '\\') this.escape();
    }
  }

  private escape(): void {
    const c = this.peek();
    if ('"\\/bfnrt'.includes(c) && c !== '') return void this.i++;
    if (c !== 'u') this.fail('in string escape code');
    this.i++;
    for (let k = 0; k < 4; k++) {
      if (!/[0-9a-fA-F]/.test(this.peek())) this.fail('in \\u hexadecimal character escape');
      this.i++;
    }
  }

  private digits(context: string): void {
    if (!/[0-9]/.test(this.peek())) this.fail(context);
    while (/[0-9]/.test(this.peek())) this.i++;
  }

  private number(): void {
    if (this.peek() === '-') this.i++;
    if (this.peek() === '0') this.i++;
    else this.digits('in numeric literal');
    if (this.peek() === '.') {
      this.i++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      this.digits('in exponent of numeric literal');
    }
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) {
      if (this.peek() !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k] ?? '')})`);
      this.i++;
    }
  }
}

/** Go's error text for a document JSON.parse rejected (a generic text if Go would accept it). */
export function goJsonSyntaxError(text: string): string {
  try {
    new Scanner(text).document();
  } catch (e) {
    if (e instanceof SyntaxErr) return e.message;
    throw e;
  }
  return 'invalid JSON document';
}

/** JSON.parse, failing with Go's wording. */
export function parseJsonLikeGo(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: goJsonSyntaxError(text) };
  }
}
