// The Kubernetes channel protocol over WebSocket (remotecommand / wsstream): every binary message
// starts with a channel byte; the last message on the error channel says how the command ended
// (v4+: a metav1.Status as JSON, older: plain text, nothing on success).
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** Ours in order of preference: v5 adds the close channel (the client's stdin EOF). */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'] as const;
export type ChannelProtocol = (typeof CHANNEL_PROTOCOLS)[number];

/** Parses a Sec-WebSocket-Protocol header into the offered names. */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The protocol to speak: the most preferred one offered; a client offering none gets the
 * original `channel.k8s.io` semantics (upstream's default); undefined when nothing offered fits.
 */
export function negotiateProtocol(offered: readonly string[]): { protocol: ChannelProtocol; echo: boolean } | undefined {
  if (offered.length === 0) return { protocol: 'channel.k8s.io', echo: false };
  const protocol = CHANNEL_PROTOCOLS.find((p) => offered.includes(p));
  return protocol ? { protocol, echo: true } : undefined;
}

export const hasCloseChannel = (p: ChannelProtocol): boolean => p === 'v5.channel.k8s.io';
const statusAsJson = (p: ChannelProtocol): boolean => p !== 'channel.k8s.io';

interface StreamStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

export const successStatus = (): StreamStatus => ({ metadata: {}, status: 'Success' });

/** What exec reports for a non-zero exit; kubectl exits with `details.causes[ExitCode]`. */
export function nonZeroExitStatus(command: readonly string[], exitCode: number): StreamStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

export function internalErrorStatus(message: string): StreamStatus {
  return { metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 };
}

/** The error-channel message for this outcome; undefined when the protocol sends none. */
export function statusFrame(protocol: ChannelProtocol, status: StreamStatus): Buffer | undefined {
  if (statusAsJson(protocol)) return frame(Channel.error, Buffer.from(JSON.stringify(status)));
  return status.status === 'Success' ? undefined : frame(Channel.error, Buffer.from(status.message ?? 'error'));
}

export function frame(channel: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.of(channel), payload]);
}

export type { StreamStatus };
