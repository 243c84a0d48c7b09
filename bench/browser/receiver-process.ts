/** Starts export-receiver.ts as its own Node process and talks to it over IPC. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReceiverCommand, ReceiverMessage, ReceiverTally } from './export-receiver';

export interface ReceiverProcess {
  readonly pid: number;
  readonly tracesUrl: string;
  /** What arrived since the last take, and forgets it. */
  take(): Promise<ReceiverTally>;
  close(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./export-receiver.ts', import.meta.url));

export async function startReceiverProcess(): Promise<ReceiverProcess> {
  // tsx as a loader, so the child runs the same TypeScript modules the e2e tests use.
  const child = fork(SCRIPT, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => {
      reject(new Error(`the OTLP receiver exited (${String(code)})`));
    }),
  );
  exited.catch(() => undefined);
  const message = <K extends ReceiverMessage['kind']>(kind: K) =>
    Promise.race([
      new Promise<Extract<ReceiverMessage, { kind: K }>>((resolve) => {
        const listener = (m: ReceiverMessage) => {
          if (m.kind !== kind) return;
          child.off('message', listener);
          resolve(m as Extract<ReceiverMessage, { kind: K }>);
        };
        child.on('message', listener);
      }),
      exited,
    ]);
  const send = (command: ReceiverCommand) => child.send(command);
  const { tracesUrl } = await message('listening');
  if (child.pid === undefined) throw new Error('the OTLP receiver did not start');
  return {
    pid: child.pid,
    tracesUrl,
    async take() {
      const tally = message('tally');
      send({ kind: 'take' });
      return (await tally).tally;
    },
    async close() {
      if (child.exitCode !== null) return;
      const gone = new Promise<void>((resolve) =>
        child.once('exit', () => {
          resolve();
        }),
      );
      send({ kind: 'close' });
      await gone;
    },
  };
}
