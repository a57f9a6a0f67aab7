// path.IsValidPathSegmentName: names that only have to survive being one URL path segment
// (RBAC objects, HPA targets): anything but "." and "..", and no "/" or "%".

export function isValidPathSegmentName(name: string): string[] {
  for (const illegal of ['.', '..']) if (name === illegal) return [`may not be '${illegal}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
}

/** A NameValidator for such kinds; a generateName prefix follows the same rule. */
export function nameIsPathSegment(name: string, _prefix: boolean): string[] {
  return isValidPathSegmentName(name);
}
