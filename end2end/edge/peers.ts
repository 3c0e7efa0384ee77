// The production edge's real parts, started by the edge spec on loopback:
// dnsmasq publishing a firm's DNS records, Pebble (Let's Encrypt's ACME
// test CA) issuing certificates, and Caddy in front of the e2e server with
// on-demand TLS that asks PesPro before every certificate. The recipe and
// its pitfalls: ../shared/notes/edge.md (Debian's caddy 2.6.2, pebble 2.4.0).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { edge, port } from '../playwright.config';

const children: ChildProcess[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (code && !signal) console.error(`${command} exited with ${code}:\n${stderr}`);
  });
  children.push(child);
  return child;
}

async function listening(portNumber: number, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(portNumber, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start on port ${portNumber}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  // Caddy needs a moment to let go of its ports.
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export async function stopAll(): Promise<void> {
  await Promise.all(children.splice(0).map(stop));
}

export type DnsRecord = { txt: [string, string] } | { host: [string, string] };

/** dnsmasq answering for `.test` names with exactly these records (a new set: start it again). */
export async function publishDns(records: DnsRecord[]): Promise<ChildProcess> {
  const args = [
    '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts',
    '--listen-address=127.0.0.1', '--bind-interfaces', '--local=/test/', '--pid-file=',
    `--port=${edge.dns}`,
    ...records.map((r) => ('txt' in r ? `--txt-record=${r.txt[0]},${r.txt[1]}` : `--host-record=${r.host[0]},${r.host[1]}`)),
  ];
  const child = run('/usr/sbin/dnsmasq', args);
  await listening(edge.dns, 'dnsmasq');
  return child;
}

/** Pebble and Caddy; resolves to the PEM of Pebble's issuing root (what clients trust). */
export async function startEdge(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pespro-edge-'));
  // Pebble's package ships no certificate for its own listener: a throwaway CA.
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Pebble listener CA');
  openssl('req', ...ec, '-keyout', 'key.pem', '-out', 'listener.csr', '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'listener.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial',
    '-out', 'cert.pem', '-days', '2', '-extfile', 'san.ext');
  fs.writeFileSync(path.join(dir, 'pebble.json'), JSON.stringify({
    pebble: {
      listenAddress: `127.0.0.1:${edge.acme}`,
      managementListenAddress: `127.0.0.1:${edge.acmeManagement}`,
      certificate: path.join(dir, 'cert.pem'),
      privateKey: path.join(dir, 'key.pem'),
      httpPort: edge.http,
      tlsPort: edge.https,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  }));
  // Without these Pebble sleeps up to 15 s before validating and refuses some good nonces.
  run('pebble', ['-dnsserver', `127.0.0.1:${edge.dns}`, '-config', path.join(dir, 'pebble.json')],
    { PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' });
  await listening(edge.acmeManagement, 'pebble');
  const listenerCa = fs.readFileSync(path.join(dir, 'ca.pem'));
  const root = await new Promise<string>((resolve, reject) => {
    https.get(`https://127.0.0.1:${edge.acmeManagement}/roots/0`, { ca: listenerCa }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
  fs.writeFileSync(path.join(dir, 'Caddyfile'), caddyfile(dir));
  run('caddy', ['run', '--config', path.join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
    { XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir });
  await listening(edge.https, 'caddy');
  return root;
}

/** The production Caddyfile of docs/operations.md, on test ports and the test CA. */
function caddyfile(dir: string): string {
  return `{
	admin off
	storage file_system {
		root ${path.join(dir, 'caddy-data')}
	}
	http_port ${edge.http}
	https_port ${edge.https}
	default_bind 127.0.0.1
	acme_ca https://127.0.0.1:${edge.acme}/dir
	acme_ca_root ${path.join(dir, 'ca.pem')}
	on_demand_tls {
		ask http://127.0.0.1:${port}/.well-known/pespro/tls-ask
	}
}

https:// {
	tls {
		on_demand
	}
	reverse_proxy 127.0.0.1:${port}
}
`;
}

/**
 * The certificate Caddy presents for `name`, checked against `root` as a
 * browser would (chain and name); rejects when the handshake fails.
 */
export function certificateFor(name: string, root: string): Promise<tls.PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: edge.https, servername: name, ca: root }, () => {
      const certificate = socket.getPeerCertificate();
      socket.end();
      if (socket.authorized) resolve(certificate);
      else reject(new Error(`certificate for ${name} not trusted: ${socket.authorizationError}`));
    });
    socket.setTimeout(20_000, () => socket.destroy(new Error('timed out')));
    socket.on('error', reject);
  });
}
