import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway self-signed certificate for `host`, made with Debian's openssl, for a TLS
 * terminating proxy in a test (the browser context sets ignoreHTTPSErrors).
 */
export function selfSignedCertificate(host: string): { certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'troubleshooting-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host}`,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}
