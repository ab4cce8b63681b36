#!/usr/bin/env node
// Makes the certificates of mutual TLS between the platform's processes (docs/security.md,
// "Transport"), with the openssl CLI: a small CA and one certificate per component, in the layout
// of a cert-manager Secret (ca.crt, tls.crt, tls.key), one folder each:
//
//   node tools/keys/grpc-certs.js [folder]          (default .stack/tls, git-ignored)
//   <folder>/ca.crt, ca.key                          the CA (its key never leaves this folder)
//   <folder>/<component>/{ca.crt,tls.crt,tls.key}   intake, mediation, referral, statistics,
//                                                    notification, gateway, operator (seed,
//                                                    import, tests)
//
// Idempotent: what exists and is signed by the CA is kept (a component added later gets its
// certificate from the same CA); a missing CA makes everything anew.
// Server names (SANs): localhost, 127.0.0.1, ::1, the component's name and its Kubernetes Service
// names for the release GRPC_CERT_RELEASE (default mediation-platform) in the namespace
// GRPC_CERT_NAMESPACE (default mediation). In a cluster, prefer cert-manager (docs/kubernetes.md).
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, copyFileSync, writeFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const COMPONENTS = [
  'intake',
  'mediation',
  'referral',
  'statistics',
  'notification',
  'gateway',
  'operator',
];
/** Components that serve gRPC; every one of them also calls (as a client). */
const SERVERS = new Set(['intake', 'mediation', 'referral', 'statistics', 'notification']);
const DAYS = { ca: 3650, leaf: 825 };

const dir = path.resolve(process.argv[2] ?? '.stack/tls');
const release = process.env.GRPC_CERT_RELEASE ?? 'mediation-platform';
const namespace = process.env.GRPC_CERT_NAMESPACE ?? 'mediation';
const domain = process.env.GRPC_CERT_CLUSTER_DOMAIN ?? 'cluster.local';

/** @param {string[]} args */
const openssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const caCrt = path.join(dir, 'ca.crt');
const caKey = path.join(dir, 'ca.key');

mkdirSync(dir, { recursive: true, mode: 0o700 });
let newCa = false;
if (!existsSync(caCrt) || !existsSync(caKey)) {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', caKey]);
  openssl([
    ...['req', '-x509', '-new', '-key', caKey, '-days', String(DAYS.ca), '-sha256'],
    ...['-subj', '/CN=mediation platform gRPC CA', '-out', caCrt],
    ...['-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0'],
    ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  ]);
  newCa = true;
}

/** @param {string} crt */
const signedByCa = (crt) => {
  try {
    openssl(['verify', '-CAfile', caCrt, crt]);
    return true;
  } catch {
    return false;
  }
};

/** @param {string} name */
const sans = (name) => {
  const svc = `${release}-${name}`;
  const names = SERVERS.has(name)
    ? [
        'localhost',
        name,
        svc,
        `${svc}.${namespace}`,
        `${svc}.${namespace}.svc`,
        `${svc}.${namespace}.svc.${domain}`,
        `${svc}-headless.${namespace}.svc.${domain}`,
      ]
    : ['localhost', name];
  return [...names.map((n) => `DNS:${n}`), 'IP:127.0.0.1', 'IP:::1'].join(',');
};

const made = [];
for (const name of COMPONENTS) {
  const out = path.join(dir, name);
  const crt = path.join(out, 'tls.crt');
  const key = path.join(out, 'tls.key');
  mkdirSync(out, { recursive: true, mode: 0o700 });
  copyFileSync(caCrt, path.join(out, 'ca.crt'));
  if (!newCa && existsSync(key) && existsSync(crt) && signedByCa(crt)) continue;
  const csr = path.join(out, 'tls.csr');
  const ext = path.join(out, 'tls.ext');
  writeFileSync(
    ext,
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${SERVERS.has(name) ? 'serverAuth,clientAuth' : 'clientAuth'}`,
      `subjectAltName=${sans(name)}`,
    ].join('\n'),
  );
  // PKCS#8, which every TLS stack reads.
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  openssl(['req', '-new', '-key', key, '-subj', `/CN=${name}`, '-out', csr]);
  openssl([
    ...['x509', '-req', '-in', csr, '-CA', caCrt, '-CAkey', caKey, '-sha256'],
    ...['-days', String(DAYS.leaf), '-set_serial', `0x${randomBytes(16).toString('hex')}`],
    ...['-extfile', ext, '-out', crt],
  ]);
  rmSync(csr);
  rmSync(ext);
  made.push(name);
}

console.log(
  `${dir}: ${newCa ? 'new CA; ' : ''}${made.length ? `made ${made.join(', ')}` : 'all certificates present'}`,
);
console.log(
  `e.g. GRPC_TLS=true GRPC_TLS_CA_FILE=${dir}/intake/ca.crt GRPC_TLS_CERT_FILE=${dir}/intake/tls.crt GRPC_TLS_KEY_FILE=${dir}/intake/tls.key`,
);
