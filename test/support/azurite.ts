// Real Azure Blob storage for tests: Azurite from node_modules on a free loopback port, in memory.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The documented, public development-storage account (not a secret).
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  /** The account's endpoints, for clients that authenticate with a token instead of the key (https with `oauth`). */
  blobServiceUrl: string;
  queueServiceUrl?: string;
  stop(): Promise<void>;
}

/**
 * `oauth`: https with this certificate (files; its CA must be trusted by the clients) and `--oauth basic`, so bearer
 * tokens are accepted as well as the key. Azurite then checks a token's issuer (https://sts.windows.net/…), audience
 * (https://storage.azure.com or the account's endpoint) and lifetime, not its signature.
 */
export interface AzuriteOptions {
  queue?: boolean;
  oauth?: { certFile: string; keyFile: string };
}

/**
 * Blob service only by default; `{ queue: true }` also starts Azurite's queue service (its own process, like
 * `azurite-queue`), and the connection string then names both endpoints.
 */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<Azurite> {
  const blob = await startService('blob', opts.oauth);
  const queue = opts.queue ? await startService('queue', opts.oauth).catch(async (err) => { await blob.stop(); throw err; }) : undefined;
  const scheme = opts.oauth ? 'https' : 'http';
  const blobServiceUrl = `${scheme}://127.0.0.1:${blob.port}/${ACCOUNT}`;
  const queueServiceUrl = queue ? `${scheme}://127.0.0.1:${queue.port}/${ACCOUNT}` : undefined;
  const endpoints = `BlobEndpoint=${blobServiceUrl};${queueServiceUrl ? `QueueEndpoint=${queueServiceUrl};` : ''}`;
  return {
    connectionString: `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${KEY};${endpoints}`,
    blobServiceUrl,
    queueServiceUrl,
    async stop() {
      await Promise.all([blob.stop(), queue?.stop()]);
    },
  };
}

async function startService(service: 'blob' | 'queue', oauth?: AzuriteOptions['oauth']): Promise<{ port: number; stop(): Promise<void> }> {
  const main = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'azurite', 'dist', 'src', service, 'main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [main, `--${service}Host`, '127.0.0.1', `--${service}Port`, '0', '--inMemoryPersistence', '--skipApiVersionCheck', '--disableTelemetry', '--silent', ...(oauth ? ['--cert', oauth.certFile, '--key', oauth.keyFile, '--oauth', 'basic'] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' } },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Azurite ${service} did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
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
