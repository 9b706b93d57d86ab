/**
 * A throwaway certificate authority for TLS tests: a CA, a server certificate for `localhost` and
 * 127.0.0.1, and a client certificate for mutual TLS, made with the system's `openssl`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  /** File paths, as operators would put them in TEMPORAL_TLS_* variables. */
  files: { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };
  /** A second CA's client certificate: well-formed, but not one the server trusts. */
  strangerFiles: { clientCert: string; clientKey: string };
  read(file: string): Buffer;
  cleanup(): void;
}

export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'vrcpulse-tls-'));
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newCa = (name: string) =>
    openssl(
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', at(`${name}.key`), '-out', at(`${name}.pem`), '-days', '2', '-subj', `/CN=${name}`],
    );
  const issue = (ca: string, name: string, extensions: string) => {
    writeFileSync(at(`${name}.ext`), extensions);
    openssl(
      ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${name}`],
    );
    openssl(
      ...['x509', '-req', '-in', at(`${name}.csr`), '-CA', at(`${ca}.pem`), '-CAkey', at(`${ca}.key`)],
      ...['-CAcreateserial', '-out', at(`${name}.pem`), '-days', '2', '-extfile', at(`${name}.ext`)],
    );
  };
  newCa('test-ca');
  issue(
    'test-ca',
    'localhost',
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  issue('test-ca', 'vrcpulse-client', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  newCa('stranger-ca');
  issue('stranger-ca', 'stranger', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\n');
  return {
    dir,
    files: {
      ca: at('test-ca.pem'),
      serverCert: at('localhost.pem'),
      serverKey: at('localhost.key'),
      clientCert: at('vrcpulse-client.pem'),
      clientKey: at('vrcpulse-client.key'),
    },
    strangerFiles: { clientCert: at('stranger.pem'), clientKey: at('stranger.key') },
    read: (file) => readFileSync(file),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
