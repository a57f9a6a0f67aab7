// Where klctl writes and how: colour only on a terminal with NO_COLOR unset, plain when piped.
import pc from 'picocolors';

export interface Out {
  write(text: string): void;
  readonly tty: boolean;
  readonly colour: boolean;
}

const quietOnClosedPipe = new WeakSet<NodeJS.WriteStream>();

function outFor(stream: NodeJS.WriteStream): Out {
  // `klctl get … | head` closes the pipe early; like kubectl, stop quietly instead of crashing.
  if (!quietOnClosedPipe.has(stream)) {
    quietOnClosedPipe.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const tty = stream.isTTY === true;
  return {
    write: (text) => void stream.write(text),
    tty,
    colour: tty && !process.env.NO_COLOR,
  };
}

export const stdout = (): Out => outFor(process.stdout);
export const stderr = (): Out => outFor(process.stderr);

export function bold(out: Out, text: string): string {
  return out.colour ? pc.bold(text) : text;
}

export function dim(out: Out, text: string): string {
  return out.colour ? pc.dim(text) : text;
}

export function warnColour(out: Out, text: string): string {
  return out.colour ? pc.yellow(text) : text;
}
