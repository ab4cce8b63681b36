#!/usr/bin/env node
// Prints a fresh set of principal-token keys (docs/security.md, "Calls between services"): one
// Ed25519 seed per signer for the Kubernetes Secret (or each process's PRINCIPAL_SIGNING_KEY), and
// the PRINCIPAL_TRUSTED_KEYS line of their public keys. Nothing is written to disk.
const { generateKeyPairSync } = require('node:crypto');
const { PRINCIPAL_ISSUERS, rawPublicKey } = require('../../libs/auth/dist');

const keys = PRINCIPAL_ISSUERS.map((issuer) => {
  const { privateKey } = generateKeyPairSync('ed25519');
  // PKCS#8 DER of an Ed25519 key ends with its 32-byte seed.
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  return {
    issuer,
    seed: seed.toString('base64'),
    pub: rawPublicKey(privateKey).toString('base64'),
  };
});
const components = keys.filter((k) => k.issuer !== 'operator');
const operator = keys.find((k) => k.issuer === 'operator');

console.log(
  '# The Secret the chart reads (principalTokens.existingSecret), one key per component:',
);
console.log(
  [
    'kubectl create secret generic mediation-principal-keys',
    ...components.map((k) => `  --from-literal=${k.issuer}=${k.seed}`),
  ].join(' \\\n'),
);
console.log('\n# principalTokens.trustedKeys (PRINCIPAL_TRUSTED_KEYS); public, not secret:');
console.log(keys.map((k) => `${k.issuer}:${k.pub}`).join(','));
console.log(
  '\n# The operator (seed, import) signs with these; drop "operator:" above to refuse it:',
);
console.log(`PRINCIPAL_ISSUER=operator PRINCIPAL_SIGNING_KEY=${operator.seed}`);
