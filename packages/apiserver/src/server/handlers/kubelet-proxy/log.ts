// pods/log: validates PodLogOptions as kube-apiserver does, picks the container, and streams the
// kubelet's /containerLogs answer back (a follow stays open until the kubelet ends it or the
// client leaves, which closes the kubelet connection too). The kubelet's refusals become Status
// errors carrying its text.
import type { IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';
import { forbidden, invalid as invalidField, type FieldError, type Pod } from '@kubelite/api';
import { badRequest, invalid, methodNotAllowed } from '../../../errors.js';
import type { Registry } from '../../../registry/generic.js';
import type { Call } from '../crud.js';
import { param, type Query } from '../request.js';
import type { KubeletClientConfig } from './config.js';
import { KubeletDialError, readBody, requestKubelet } from './dial.js';
import { KubeletProxyErrors } from './errors.js';
import { nodeAddressesFor, resolveContainer } from './target.js';

interface PodLogOptions {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTime?: Date;
  tailLines?: number;
  limitBytes?: number;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False', '']);

function goBool(q: Query, name: string): boolean {
  const v = param(q, name);
  if (v === undefined || GO_FALSE.has(v)) return false;
  if (GO_TRUE.has(v)) return true;
  throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function goInt(q: Query, name: string): number | undefined {
  const v = param(q, name);
  if (v === undefined || v === '') return undefined;
  const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return n;
}

function goTime(q: Query, name: string): Date | undefined {
  const v = param(q, name);
  if (v === undefined || v === '') return undefined;
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(v)} as "2006"`);
  return new Date(ms);
}

/** Decodes and validates (ValidatePodLogOptions) the query; a bad combination is a 422. */
export function parsePodLogOptions(q: Query, podName: string): PodLogOptions {
  const o: PodLogOptions = { follow: goBool(q, 'follow'), previous: goBool(q, 'previous'), timestamps: goBool(q, 'timestamps') };
  const container = param(q, 'container');
  if (container) o.container = container;
  const sinceSeconds = goInt(q, 'sinceSeconds');
  const sinceTime = goTime(q, 'sinceTime');
  const tailLines = goInt(q, 'tailLines');
  const limitBytes = goInt(q, 'limitBytes');
  if (sinceSeconds !== undefined) o.sinceSeconds = sinceSeconds;
  if (sinceTime) o.sinceTime = sinceTime;
  if (tailLines !== undefined) o.tailLines = tailLines;
  if (limitBytes !== undefined) o.limitBytes = limitBytes;
  const errs: FieldError[] = [];
  if (tailLines !== undefined && tailLines < 0) errs.push(invalidField('tailLines', tailLines, 'must be greater than or equal to 0'));
  if (limitBytes !== undefined && limitBytes < 1) errs.push(invalidField('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTime) errs.push(forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (sinceSeconds !== undefined && sinceSeconds < 1) errs.push(invalidField('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  if (errs.length > 0) throw invalid({ group: '', kind: 'PodLogOptions' }, podName, errs);
  return o;
}

/** The kubelet query, as LogLocation builds it: only what was asked for. */
function kubeletQuery(o: PodLogOptions): string {
  const q = new URLSearchParams();
  if (o.follow) q.set('follow', 'true');
  if (o.previous) q.set('previous', 'true');
  if (o.timestamps) q.set('timestamps', 'true');
  if (o.sinceSeconds !== undefined) q.set('sinceSeconds', String(o.sinceSeconds));
  if (o.sinceTime) q.set('sinceTime', o.sinceTime.toISOString().replace(/\.\d{3}Z$/, 'Z'));
  if (o.tailLines !== undefined) q.set('tailLines', String(o.tailLines));
  if (o.limitBytes !== undefined) q.set('limitBytes', String(o.limitBytes));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Streams the kubelet's body; headers go out at once, so a quiet follow is visibly open. */
function relay(reply: FastifyReply, res: IncomingMessage): FastifyReply {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  out.flushHeaders();
  // A client that leaves ends the kubelet request, which ends the kubelet's follow.
  out.once('close', () => res.destroy());
  res.once('error', () => out.destroy());
  res.pipe(out);
  return reply;
}

export function podLog(config: KubeletClientConfig, nodes: () => Registry | undefined) {
  return async (c: Call, verb: string): Promise<FastifyReply> => {
    if (verb !== 'get') throw methodNotAllowed('the server does not allow this method on the requested resource');
    const options = parsePodLogOptions(c.query, c.name);
    const pod = (await c.reg.get(c.ctx, c.name)) as unknown as Pod;
    const container = resolveContainer(pod, options.container);
    const addresses = await nodeAddressesFor(pod, nodes(), c.ctx, config);
    // A pod on no node has no logs yet: upstream answers an empty stream.
    if (!addresses) return c.reply.code(204).send();
    const ns = encodeURIComponent(pod.metadata.namespace ?? '');
    const path = `/containerLogs/${ns}/${encodeURIComponent(c.name)}/${encodeURIComponent(container)}${kubeletQuery(options)}`;
    let answer;
    try {
      answer = await requestKubelet(config, addresses, { method: 'GET', path, headers: { accept: '*/*' } });
    } catch (err) {
      if (err instanceof KubeletDialError) throw KubeletProxyErrors.logRequestFailed(err.url, err.message);
      throw err;
    }
    const res = answer.res;
    const code = res.statusCode ?? 500;
    if (answer.kind === 'upgrade' || code < 200 || code > 206) throw KubeletProxyErrors.kubeletAnswered(code, await readBody(res), c.name);
    return relay(c.reply, res);
  };
}
