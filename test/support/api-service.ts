import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ApiService {
  readonly origin: string;
  close(): Promise<void>;
}

export interface ApiServiceOptions {
  readonly otlpUrl: string;
  readonly allowOrigin: string;
  readonly allowHeaders?: string;
}

/** Starts test/support/api-service.cjs in its own process and waits until it listens. */
export async function startApiService(options: ApiServiceOptions): Promise<ApiService> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./api-service.cjs', import.meta.url)), {
    env: {
      ...process.env,
      OTLP_URL: options.otlpUrl,
      ALLOW_ORIGIN: options.allowOrigin,
      ...(options.allowHeaders === undefined ? {} : { ALLOW_HEADERS: options.allowHeaders }),
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`api service exited with ${String(code)} before listening`));
    });
    child.stdout?.once('data', (chunk: Buffer) => {
      resolve((JSON.parse(chunk.toString()) as { port: number }).port);
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
