// pods/log: validates PodLogOptions as kube-apiserver does, picks the container, and streams the
// kubelet's /containerLogs answer back (a follow stays open until the kubelet ends it or the
// client leaves, which closes the kubelet connection too). The kubelet's refusals become Status
// errors carrying its text.
import type { IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';
import { decodePodLogOptions, PodLogOptionsDecodeError, validatePodLogOptions, type Pod, type PodLogOptions } from '@kubelite/api';
import { badRequest, invalid, methodNotAllowed } from '../../../errors.js';
import type { Registry } from '../../../registry/generic.js';
import type { Call } from '../crud.js';
import { param, type Query } from '../request.js';
import type { KubeletClientConfig } from './config.js';
import { KubeletDialError, readBody, requestKubelet } from './dial.js';
import { KubeletProxyErrors } from './errors.js';
import { nodeAddressesFor, resolveContainer } from './target.js';

/** Decodes and validates (ValidatePodLogOptions) the query; a bad value is a 400, a bad combination a 422. */
export function parsePodLogOptions(q: Query, podName: string): PodLogOptions {
  let o: PodLogOptions;
  try {
    o = decodePodLogOptions((name) => param(q, name));
  } catch (err) {
    if (err instanceof PodLogOptionsDecodeError) throw badRequest(err.message);
    throw err;
  }
  const errs = validatePodLogOptions(o);
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
