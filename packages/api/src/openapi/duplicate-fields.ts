// Duplicate keys in one JSON object, which JSON.parse silently resolves to the last one. Kubernetes'
// strict decoder reports each as `duplicate field "metadata.name"`. The text must already be valid
// JSON (parse it first): this scanner only tracks keys and positions.

interface Frame {
  array: boolean;
  keys: Set<string>;
  /** The key (object) or index (array) the next value belongs to. */
  at: string | number;
  expectKey: boolean;
}

function readString(text: string, start: number): { value: string; end: number } {
  let i = start + 1;
  // Bounded by the text length; escapes skip one extra character.
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return { value: JSON.parse(text.slice(start, i + 1)) as string, end: i + 1 };
}

function pathOf(stack: readonly Frame[]): string {
  let path = '';
  for (const f of stack.slice(0, -1)) {
    if (f.array) path += `[${String(f.at)}]`;
    else path = path === '' ? String(f.at) : `${path}.${String(f.at)}`;
  }
  return path;
}

/** Paths of every duplicated key, in the order they appear (`metadata.name`, `spec.containers[0].image`). */
export function findDuplicateFields(text: string): string[] {
  const out: string[] = [];
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      stack.push({ array: c === '[', keys: new Set(), at: 0, expectKey: c === '{' });
      i++;
    } else if (c === '}' || c === ']') {
      stack.pop();
      i++;
    } else if (c === ',') {
      if (top?.array) top.at = (top.at as number) + 1;
      else if (top) top.expectKey = true;
      i++;
    } else if (c === '"') {
      const s = readString(text, i);
      if (top && !top.array && top.expectKey) {
        const prefix = pathOf(stack);
        if (top.keys.has(s.value)) out.push(prefix === '' ? s.value : `${prefix}.${s.value}`);
        top.keys.add(s.value);
        top.at = s.value;
        top.expectKey = false;
      }
      i = s.end;
    } else {
      i++;
    }
  }
  return out;
}
