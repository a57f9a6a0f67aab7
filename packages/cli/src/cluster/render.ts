// Renders the static pod templates (manifests/*.yaml, placeholders `${NAME}`) into
// <data-dir>/manifests, where the kubelet picks them up. Placeholders are substituted in the
// parsed YAML, not in the text, so a path with YAML-special characters cannot break a manifest;
// a scalar that is exactly one numeric placeholder (a probe port) becomes a number.
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Pod } from '@kubelite/api';
import { isMap, isNode, parseDocument, visit } from 'yaml';
import { clusterError } from './errors.js';
import type { ClusterLayout } from './layout.js';
import type { ClusterSettings } from './settings.js';

export type TemplateValues = Readonly<Record<string, string | number>>;

export function templateValues(layout: ClusterLayout, settings: ClusterSettings): TemplateValues {
  const p = settings.ports;
  return {
    NODE_NAME: settings.nodeName,
    DATA_DIR: layout.dataDir,
    PKI_DIR: layout.pkiDir,
    ETCD_DATA_DIR: layout.etcdDataDir,
    ETCD_PORT: p.etcd,
    ETCD_PEER_PORT: p.etcdPeer,
    ETCD_METRICS_PORT: p.etcdMetrics,
    APISERVER_PORT: p.apiserver,
    SCHEDULER_PORT: p.scheduler,
    CONTROLLER_MANAGER_PORT: p.controllerManager,
    PROXY_HEALTHZ_PORT: p.proxyHealthz,
    PROXY_METRICS_PORT: p.proxyMetrics,
  };
}

const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g;
const ONLY_PLACEHOLDER = /^\$\{([A-Z][A-Z0-9_]*)\}$/;

function lookup(file: string, values: TemplateValues, name: string): string | number {
  const v = values[name];
  if (v === undefined) throw clusterError('TEMPLATE_UNKNOWN_PLACEHOLDER', file, name);
  return v;
}

/** One template's text → the rendered manifest's text; `file` names the template in errors. */
export function renderTemplate(file: string, text: string, values: TemplateValues): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw clusterError('TEMPLATE_INVALID', file, doc.errors[0]!.message);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const whole = ONLY_PLACEHOLDER.exec(node.value);
      if (whole) {
        node.value = lookup(file, values, whole[1]!);
        return;
      }
      node.value = node.value.replace(PLACEHOLDER, (_m, name: string) => String(lookup(file, values, name)));
    },
  });
  // the template's own header explains placeholders; the rendered file says where it came from
  doc.commentBefore = ` Rendered by \`klctl cluster up\` from manifests/${basename(file)}; edits are overwritten by the next cluster up.`;
  const top = doc.contents;
  if (!isMap(top)) throw clusterError('TEMPLATE_INVALID', file, 'not a mapping');
  top.commentBefore = null;
  const firstKey = top.items[0]?.key;
  if (isNode(firstKey)) firstKey.commentBefore = null;
  return doc.toString({ lineWidth: 0 });
}

export interface RenderedManifest {
  /** the static pod's metadata.name (its mirror pod is `<name>-<node>`) */
  podName: string;
  path: string;
  /** false when the file already had this content (the kubelet then keeps the pod as it is) */
  changed: boolean;
}

/** A manifest file as the object the kubelet reads (not validated; the tests validate it). */
export function readStaticPod(path: string): Pod {
  return parseDocument(readFileSync(path, 'utf8')).toJS() as Pod;
}

function podNameOf(file: string, rendered: string): string {
  const name = (parseDocument(rendered).toJS() as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  if (typeof name !== 'string' || !name) throw clusterError('TEMPLATE_INVALID', file, 'metadata.name is missing');
  return name;
}

/** The template files, sorted; dot-files are skipped as the kubelet skips them. */
export function templateFiles(dir: string): string[] {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.')) : [];
  if (files.length === 0) throw clusterError('TEMPLATES_MISSING', dir);
  return files.sort().map((f) => join(dir, f));
}

/**
 * Renders every template into layout.manifestsDir. A file is replaced (atomically, through a
 * dot-file the kubelet ignores) only when its content changes, because a new content is a new
 * static pod UID and the kubelet would restart that component.
 */
export function renderManifests(layout: ClusterLayout, settings: ClusterSettings, fromDir: string): RenderedManifest[] {
  const values = templateValues(layout, settings);
  mkdirSync(layout.manifestsDir, { recursive: true });
  return templateFiles(fromDir).map((template) => {
    const rendered = renderTemplate(template, readFileSync(template, 'utf8'), values);
    const path = join(layout.manifestsDir, basename(template));
    const changed = !existsSync(path) || readFileSync(path, 'utf8') !== rendered;
    if (changed) {
      const tmp = join(layout.manifestsDir, `.${basename(template)}.${process.pid}.tmp`);
      writeFileSync(tmp, rendered);
      renameSync(tmp, path);
    }
    return { podName: podNameOf(template, rendered), path, changed };
  });
}

/** The static pods in a rendered manifests dir (status asks for their mirror pods). */
export function staticPodNames(manifestsDir: string): string[] {
  if (!existsSync(manifestsDir)) return [];
  return readdirSync(manifestsDir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.'))
    .sort()
    .flatMap((f) => {
      try {
        return [podNameOf(f, readFileSync(join(manifestsDir, f), 'utf8'))];
      } catch {
        return [];
      }
    });
}
