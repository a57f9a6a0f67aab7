// Objects from -f: files, directories (their .yaml/.yml/.json files, sorted, as kubectl reads
// them), or `-` for stdin; multi-document YAML and `kind: List` expanded into single objects.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '@kubelite/api';
import { parseAllDocuments } from 'yaml';
import { cliError } from './errors.js';

export interface Manifest {
  obj: KubeObject;
  /** the file it came from (`STDIN` for -), for error lines */
  source: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

function filesOf(path: string): string[] {
  if (path === '-') return ['-'];
  if (statSync(path).isDirectory()) {
    return readdirSync(path).filter((f) => MANIFEST_FILE.test(f)).sort().map((f) => join(path, f));
  }
  return [path];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expand(doc: unknown, source: string, out: Manifest[]): void {
  if (doc === null || doc === undefined) return;
  if (!isObject(doc) || typeof doc.kind !== 'string' || typeof doc.apiVersion !== 'string') throw cliError('NO_KIND', source);
  if (doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    for (const item of doc.items) expand(item, source, out);
    return;
  }
  out.push({ obj: doc as unknown as KubeObject, source });
}

/** Parses one text (YAML or JSON, possibly many documents). */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    const first = doc.errors[0];
    if (first) throw cliError('BAD_MANIFEST', source, first.message.split('\n')[0] ?? '');
    expand(doc.toJS(), source, out);
  }
  return out;
}

/** Every object named by the -f values, in order. */
export function readManifests(paths: readonly string[], stdinText: () => string): Manifest[] {
  if (paths.length === 0) throw cliError('NO_FILES');
  const out: Manifest[] = [];
  for (const p of paths) {
    for (const file of filesOf(p)) {
      const text = file === '-' ? stdinText() : readFileSync(file, 'utf8');
      out.push(...parseManifests(text, file === '-' ? 'STDIN' : file));
    }
  }
  return out;
}

/** All of stdin, read synchronously: manifests are small and klctl reads them before any request. */
export function readStdin(): string {
  return readFileSync(0, 'utf8');
}
