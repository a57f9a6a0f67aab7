// A set of field paths, shaped as structured-merge-diff's fieldpath.Set: a tree whose nodes are
// path elements and where a node may itself be a member (a leaf, a list item, an owned map).
// It serializes to and from the fieldsV1 JSON stored in metadata.managedFields.
import { comparePE, type FieldPath, type PathElement } from './field-path.js';
import { isObject, type JsonObject } from './json.js';

export class FieldSet {
  private readonly members = new Set<PathElement>();
  private readonly children = new Map<PathElement, FieldSet>();

  static of(...paths: FieldPath[]): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  insert(path: FieldPath): void {
    const [head, ...rest] = path;
    if (head === undefined) return;
    if (rest.length === 0) {
      this.members.add(head);
      return;
    }
    let child = this.children.get(head);
    if (child === undefined) {
      child = new FieldSet();
      this.children.set(head, child);
    }
    child.insert(rest);
  }

  /** Whether `path` itself is a member. */
  has(path: FieldPath): boolean {
    const [head, ...rest] = path;
    if (head === undefined) return false;
    if (rest.length === 0) return this.members.has(head);
    return this.children.get(head)?.has(rest) ?? false;
  }

  /** Whether `path` or anything below it is a member. */
  hasAtOrBelow(path: FieldPath): boolean {
    const [head, ...rest] = path;
    if (head === undefined) return !this.isEmpty();
    if (rest.length === 0 && this.members.has(head)) return true;
    const child = this.children.get(head);
    if (child === undefined) return false;
    return rest.length === 0 ? !child.isEmpty() : child.hasAtOrBelow(rest);
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  /** Every member path, in structured-merge-diff order. */
  paths(prefix: FieldPath = []): PathElement[][] {
    const out: PathElement[][] = [];
    const keys = [...new Set([...this.members, ...this.children.keys()])].sort(comparePE);
    for (const k of keys) {
      if (this.members.has(k)) out.push([...prefix, k]);
      const c = this.children.get(k);
      if (c) out.push(...c.paths([...prefix, k]));
    }
    return out;
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths(), ...other.paths());
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths().filter((p) => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths().filter((p) => other.has(p)));
  }

  /** The members kept by `keep`. */
  filter(keep: (path: FieldPath) => boolean): FieldSet {
    return FieldSet.of(...this.paths().filter(keep));
  }

  equals(other: FieldSet): boolean {
    const a = this.paths().map((p) => p.join('\u0000'));
    const b = other.paths().map((p) => p.join('\u0000'));
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  /** The fieldsV1 object: `.` (the node itself) first, then path elements in sorted order. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    const keys = [...new Set([...this.members, ...this.children.keys()])].sort(comparePE);
    for (const k of keys) {
      const c = this.children.get(k);
      const inner = c && !c.isEmpty() ? c.toFieldsV1() : {};
      out[k] = this.members.has(k) && Object.keys(inner).length > 0 ? { '.': {}, ...inner } : inner;
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    if (!isObject(v)) return s;
    for (const [k, inner] of Object.entries(v)) {
      if (k === '.' || !/^[fkvi]:/.test(k)) continue; // unknown element kinds are dropped, as upstream
      const child = FieldSet.fromFieldsV1(inner);
      if (!isObject(inner) || Object.keys(inner).length === 0 || '.' in inner) s.members.add(k);
      if (!child.isEmpty()) s.children.set(k, child);
    }
    return s;
  }
}
