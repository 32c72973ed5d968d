// Throw-away PKI for loopback https stand-ins (the Graph client only sends the
// bearer token over https). The bot child process trusts the CA through
// NODE_EXTRA_CA_CERTS, so product code never has to disable TLS verification.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';

export interface TestCa {
  /** Path of the CA certificate (PEM): pass as NODE_EXTRA_CA_CERTS. */
  caPem: string;
  /** Server certificate (PEM contents) for localhost / 127.0.0.1, signed by the CA. */
  cert: string;
  /** Server private key (PEM contents). */
  key: string;
  /** The same certificate and key as files, for servers that take paths (Azurite's --cert/--key). */
  certFile: string;
  keyFile: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run(OPENSSL, args, { cwd });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr ?? e.message}`);
  }
}

/**
 * `extraHosts`: more DNS names the server certificate is valid for, for a stand-in reached under a real host name
 * (through a proxy) rather than as 127.0.0.1.
 */
export async function makeTestCa(dir: string, extraHosts: readonly string[] = []): Promise<TestCa> {
  await mkdir(dir, { recursive: true });
  const p = (name: string): string => path.join(dir, name);
  // P-256 keys: generated in milliseconds, unlike RSA.
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

  await openssl(
    [
      'req', '-x509', ...ecKey, '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '7',
      '-subj', '/CN=Meeting Bot Test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
      '-addext', 'subjectKeyIdentifier=hash',
    ],
    dir,
  );
  await openssl(
    ['req', ...ecKey, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=localhost'],
    dir,
  );
  // Node verifies the SAN (not the CN) against the host it connects to.
  await writeFile(
    p('server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      `subjectAltName=${['DNS:localhost', 'IP:127.0.0.1', ...extraHosts.map((h) => `DNS:${h}`)].join(',')}`,
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid,issuer',
      '',
    ].join('\n'),
  );
  await openssl(
    [
      'x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'),
      '-CAcreateserial', '-out', p('server.pem'), '-days', '7', '-extfile', p('server.ext'),
    ],
    dir,
  );

  return {
    caPem: p('ca.pem'),
    certFile: p('server.pem'),
    keyFile: p('server.key'),
    cert: await readFile(p('server.pem'), 'utf8'),
    key: await readFile(p('server.key'), 'utf8'),
  };
}
