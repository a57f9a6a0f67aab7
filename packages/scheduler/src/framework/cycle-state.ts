// framework.CycleState: per-attempt scratch space plugins share between their extension points
// (PreFilter computes, Filter reads), plus the plugins PreFilter/PreScore told to skip.
export class CycleState {
  private readonly data = new Map<string, unknown>();
  readonly skipFilterPlugins = new Set<string>();
  readonly skipScorePlugins = new Set<string>();
  /** set for pods that asked for an explanation: Filter must visit every node */
  explain = false;

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
}
