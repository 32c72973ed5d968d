// Real Azure Blob storage for tests: Azurite from node_modules on a free loopback port, in memory.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The documented, public development-storage account (not a secret).
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Blob service only by default; `{ queue: true }` also starts Azurite's queue service (its own process, like
 * `azurite-queue`), and the connection string then names both endpoints.
 */
export async function startAzurite(opts: { queue?: boolean } = {}): Promise<Azurite> {
  const blob = await startService('blob');
  const queue = opts.queue ? await startService('queue').catch(async (err) => { await blob.stop(); throw err; }) : undefined;
  const endpoints = `BlobEndpoint=http://127.0.0.1:${blob.port}/${ACCOUNT};${queue ? `QueueEndpoint=http://127.0.0.1:${queue.port}/${ACCOUNT};` : ''}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};${endpoints}`,
    async stop() {
      await Promise.all([blob.stop(), queue?.stop()]);
    },
  };
}

async function startService(service: 'blob' | 'queue'): Promise<{ port: number; stop(): Promise<void> }> {
  const main = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'azurite', 'dist', 'src', service, 'main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [main, `--${service}Host`, '127.0.0.1', `--${service}Port`, '0', '--inMemoryPersistence', '--skipApiVersionCheck', '--disableTelemetry', '--silent'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite ${service} did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite ${service} exited (${code}):\n${output}`));
    });
  });
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      await exited;
    },
  };
}
