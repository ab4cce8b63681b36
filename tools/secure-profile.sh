# Sourced by tools/start.sh. `npm run start:secure` (start.sh --secure) runs the platform wired as
# in production (docs/security.md, "The secure local profile"): mutual TLS between the processes,
# Kafka over SASL_SSL with one SCRAM user per client and ACLs, sign-in through the local OpenID
# Connect provider, and documents sealed in the S3-compatible store (as plain `npm start` too).
# It has a stack of its own (.stack/secure): the broker's users are set when its storage is made.
#
# profile_env KAFKA_USER|- CERTIFICATE|-   prints NAME=value words for `env`: the Kafka user's
#                                          SASL_SSL settings and the mTLS certificate's files
#                                          (nothing with --secure off, or for "-")
secure=0
if [ "${1:-}" = "--secure" ]; then
  secure=1
  export STACK_DIR=.stack/secure KAFKA_SECURITY=sasl_ssl
fi

profile_env() {
  [ "$secure" = 1 ] || return 0
  local user=$1 cert=$2 kafka_tls="$root/.stack/secure/run/kafka-tls" tls="$root/.stack/secure/tls"
  if [ "$user" != - ]; then
    printf '%s ' KAFKA_SSL=true "KAFKA_SSL_CA_FILE=$kafka_tls/ca.pem" KAFKA_SASL_MECHANISM=scram-sha-512 \
      "KAFKA_SASL_USERNAME=$user" "KAFKA_SASL_PASSWORD=$(cat "$kafka_tls/passwords/$user")"
  fi
  if [ "$cert" != - ]; then
    printf '%s ' GRPC_TLS=true "GRPC_TLS_CA_FILE=$tls/$cert/ca.crt" \
      "GRPC_TLS_CERT_FILE=$tls/$cert/tls.crt" "GRPC_TLS_KEY_FILE=$tls/$cert/tls.key"
  fi
}

# The certificates (once; later starts keep them) and the provider, after the stack is up.
start_secure_extras() {
  [ "$secure" = 1 ] || return 0
  echo "==> secure profile: certificates in .stack/secure/tls, OpenID Connect provider on :8180"
  node tools/keys/grpc-certs.js "$root/.stack/secure/tls" >/dev/null
  supervise oidc "$logs/oidc.log" node tools/oidc/main.mjs 2>/dev/null &
  pids+=($!)
}
