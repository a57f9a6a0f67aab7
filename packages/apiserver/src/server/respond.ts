// Writing answers in the negotiated format. Every error is a Status with its HTTP code; JSON is
// always `application/json` (kubectl refuses anything else for API objects).
import type { FastifyReply } from 'fastify';
import { stringify as toYaml } from 'yaml';
import type { Status } from '@kubelite/api';
import type { OutputFormat } from './negotiation.js';

export function sendValue(reply: FastifyReply, code: number, value: unknown, format: OutputFormat = { kind: 'json' }): FastifyReply {
  if (format.kind === 'yaml') {
    return reply.code(code).header('content-type', 'application/yaml').send(toYaml(value));
  }
  return reply.code(code).header('content-type', 'application/json').send(JSON.stringify(value));
}

export function sendStatus(reply: FastifyReply, status: Status): FastifyReply {
  return sendValue(reply, status.code ?? 500, status);
}

/** The Status a successful delete of a kind that does not return the object answers with. */
export function successStatus(details: Status['details']): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details) s.details = details;
  return s;
}
