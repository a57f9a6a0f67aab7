// A profile's Framework from its configuration: the default MultiPoint plugins, minus what
// multiPoint disables, plus what it enables; then per extension point the explicit disabled
// ("*" drops every default there) and enabled lists. Score weights: explicit weight, else the
// default weight, else 1. Each plugin is instantiated once and shared by its extension points.
import { DEFAULT_MULTI_POINT } from '../config/defaults.js';
import type { ExtensionPoint, PluginRef, Profile } from '../config/types.js';
import { schedulerError } from '../errors.js';
import type { ClusterEventWithHint } from '../queue/cluster-event.js';
import type { AnyPlugin } from './interface.js';
import { IN_TREE_REGISTRY, type FactoryContext } from './registry.js';
import { Framework } from './runtime.js';

const METHOD: Readonly<Partial<Record<ExtensionPoint, keyof AnyPlugin>>> = {
  preEnqueue: 'preEnqueue',
  queueSort: 'less',
  preFilter: 'preFilter',
  filter: 'filter',
  postFilter: 'postFilter',
  preScore: 'preScore',
  score: 'score',
  bind: 'bind',
};

const POINTS = Object.keys(METHOD) as ExtensionPoint[];

export function buildFramework(profile: Profile, ctx: Omit<FactoryContext, 'filter'>): Framework {
  const instances = new Map<string, AnyPlugin>();
  const args = new Map((profile.pluginConfig ?? []).map((c) => [c.name, c.args ?? {}]));
  let fwk: Framework | undefined;
  const fctx: FactoryContext = { ...ctx, filter: () => (state, pod, node) => fwk!.runFilterPluginsWithNominatedPods(state, pod, node) };
  const instance = (name: string): AnyPlugin => {
    let p = instances.get(name);
    if (!p) {
      const factory = IN_TREE_REGISTRY.get(name);
      if (!factory) throw schedulerError('UNKNOWN_PLUGIN', name);
      instances.set(name, (p = factory(args.get(name) ?? {}, fctx)));
    }
    return p;
  };
  const plugins = profile.plugins ?? {};
  const multiDisabled = new Set((plugins.multiPoint?.disabled ?? []).map((r) => r.name));
  const multi: PluginRef[] = [
    ...DEFAULT_MULTI_POINT.filter((r) => !multiDisabled.has('*') && !multiDisabled.has(r.name)),
    ...(plugins.multiPoint?.enabled ?? []),
  ];
  const weights = new Map<string, number>();
  for (const r of DEFAULT_MULTI_POINT) if (r.weight) weights.set(r.name, r.weight);
  for (const r of plugins.multiPoint?.enabled ?? []) if (r.weight) weights.set(r.name, r.weight);

  const perPoint = new Map<ExtensionPoint, AnyPlugin[]>();
  for (const point of POINTS) {
    const set = plugins[point];
    const disabled = new Set((set?.disabled ?? []).map((r) => r.name));
    const method = METHOD[point]!;
    const names: string[] = [];
    for (const r of multi) {
      if (disabled.has('*') || disabled.has(r.name) || names.includes(r.name)) continue;
      if (typeof instance(r.name)[method] === 'function') names.push(r.name);
    }
    for (const r of set?.enabled ?? []) {
      if (typeof instance(r.name)[method] !== 'function') throw schedulerError('PLUGIN_NOT_AT_POINT', r.name, point);
      if (point === 'score' && r.weight) weights.set(r.name, r.weight);
      if (!names.includes(r.name)) names.push(r.name);
    }
    perPoint.set(point, names.map(instance));
  }
  const get = <T>(point: ExtensionPoint): T[] => (perPoint.get(point) ?? []) as T[];
  const queueSort = get<Framework['queueSort']>('queueSort')[0];
  if (!queueSort) throw schedulerError('CONFIG_INVALID', `profiles[${profile.schedulerName}].plugins.queueSort`, 'one QueueSort plugin is required');
  if (get('bind').length === 0) throw schedulerError('NO_BIND_PLUGIN', profile.schedulerName);
  const events = new Map<string, ClusterEventWithHint[]>();
  for (const [name, p] of instances) if (p.eventsToRegister) events.set(name, p.eventsToRegister());
  fwk = new Framework(profile.schedulerName, {
    queueSort,
    preEnqueue: get('preEnqueue'),
    preFilter: get('preFilter'),
    filter: get('filter'),
    postFilter: get('postFilter'),
    preScore: get('preScore'),
    score: get<Framework['score'][number]['plugin']>('score').map((plugin) => ({ plugin, weight: weights.get(plugin.name) ?? 1 })),
    bind: get('bind'),
    events,
  }, ctx.handle);
  fwk.percentageOfNodesToScore = profile.percentageOfNodesToScore;
  return fwk;
}
