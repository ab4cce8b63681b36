{{/*
Configuration as environment variables, the same names as the compose file and .env.example.
Two ConfigMaps: one for the release (brokers, collector, the gRPC addresses of every service) and
one per component (its name, ports, database, extra settings). Secrets never go here.
*/}}

{{/* gRPC address of a component as its callers see it (INTAKE_GRPC_URL and friends). ClusterIP by
     default; "headless" gives dns:/// targets for clients that balance per call (round_robin). */}}
{{- define "mediation-common.grpcTarget" -}}
{{- $svc := include "mediation-common.componentName" . -}}
{{- if eq (.root.Values.grpcClientTarget | default "clusterIP") "headless" -}}
{{- printf "dns:///%s-headless.%s.svc.%s:%d" $svc .root.Release.Namespace (.root.Values.clusterDomain | default "cluster.local") (int .c.ports.grpc) -}}
{{- else -}}
{{- printf "%s:%d" $svc (int .c.ports.grpc) -}}
{{- end -}}
{{- end -}}

{{- define "mediation-common.sharedConfigName" -}}
{{- printf "%s-config" (include "mediation-common.fullname" .) -}}
{{- end -}}

{{/* Data of the release-wide ConfigMap (also inlined into the bootstrap hook, which runs before
     any ConfigMap of the release exists). */}}
{{- define "mediation-common.sharedConfigData" -}}
{{- $v := .Values -}}
{{- $data := dict
  "NODE_ENV" ($v.config.nodeEnv | default "production")
  "LOG_LEVEL" ($v.config.logLevel | default "info")
  "KAFKA_BROKERS" ($v.kafka.brokers | required "kafka.brokers is required (comma list host:port)")
  "KAFKA_SSL" (ternary "true" "false" (eq (toString $v.kafka.ssl) "true"))
  "OTEL_EXPORTER_OTLP_ENDPOINT" ($v.telemetry.otlpEndpoint | default "")
-}}
{{- $grpc := $v.config.grpc | default dict }}
{{- range $key, $name := dict "timeoutMs" "GRPC_TIMEOUT_MS" "retryMaxAttempts" "GRPC_RETRY_MAX_ATTEMPTS" "retryInitialBackoffMs" "GRPC_RETRY_INITIAL_BACKOFF_MS" "retryMaxBackoffMs" "GRPC_RETRY_MAX_BACKOFF_MS" "keepaliveTimeMs" "GRPC_KEEPALIVE_TIME_MS" "keepaliveTimeoutMs" "GRPC_KEEPALIVE_TIMEOUT_MS" }}
{{- if hasKey $grpc $key }}
{{- $_ := set $data $name (toString (int64 (get $grpc $key))) }}
{{- end }}
{{- end }}
{{- $mongo := $v.config.mongo | default dict }}
{{- range $key, $name := dict "serverSelectionTimeoutMs" "MONGO_SERVER_SELECTION_TIMEOUT_MS" "socketTimeoutMs" "MONGO_SOCKET_TIMEOUT_MS" "maxTimeMs" "MONGO_MAX_TIME_MS" }}
{{- if hasKey $mongo $key }}
{{- $_ := set $data $name (toString (int64 (get $mongo $key))) }}
{{- end }}
{{- end }}
{{- $trusted := $v.principalTokens.trustedKeys | default "" }}
{{- if $trusted }}
{{- $_ := set $data "PRINCIPAL_TRUSTED_KEYS" $trusted }}
{{- end }}
{{- if $v.kafka.sasl.enabled }}
{{- $_ := set $data "KAFKA_SASL_MECHANISM" ($v.kafka.sasl.mechanism | default "scram-sha-512") }}
{{- end }}
{{- range $name, $c := $v.components }}
{{- if and $c.enabled $c.ports.grpc }}
{{- $_ := set $data (printf "%s_GRPC_URL" (upper $name)) (include "mediation-common.grpcTarget" (dict "root" $ "name" $name "c" $c)) }}
{{- end }}
{{- end }}
{{- include "mediation-common.assertNoSecretsInEnv" (dict "env" $v.config.extra "where" "config.extra") }}
{{- $data = mergeOverwrite $data ($v.config.extra | default dict) }}
{{- toYaml $data -}}
{{- end -}}

{{- define "mediation-common.sharedConfigMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "mediation-common.sharedConfigName" . }}
  namespace: {{ .Release.Namespace }}
  labels: {{- include "mediation-common.releaseLabels" . | nindent 4 }}
data: {{- include "mediation-common.sharedConfigData" . | nindent 2 }}
{{- end -}}

{{/* Data of a component's ConfigMap. */}}
{{- define "mediation-common.componentConfigData" -}}
{{- $c := .c -}}
{{- $uses := $c.uses | default dict -}}
{{- $data := dict "SERVICE_NAME" .name "OTEL_SERVICE_NAME" .name -}}
{{- with $c.ports.grpc }}{{ $_ := set $data "GRPC_PORT" (toString .) }}{{ end -}}
{{- with $c.ports.metrics }}{{ $_ := set $data "METRICS_PORT" (toString .) }}{{ end -}}
{{- with $c.ports.http }}{{ $_ := set $data "HTTP_PORT" (toString .) }}{{ end -}}
{{- if $uses.kafka }}{{ $_ := set $data "KAFKA_CLIENT_ID" .name }}{{ end -}}
{{- if include "mediation-common.grpcTls" . }}
{{- /* The Secret grpcTls.secrets.<name>, mounted by the Deployment. */}}
{{- $_ := set $data "GRPC_TLS" "true" }}
{{- range $file, $name := dict "ca.crt" "GRPC_TLS_CA_FILE" "tls.crt" "GRPC_TLS_CERT_FILE" "tls.key" "GRPC_TLS_KEY_FILE" }}
{{- $_ := set $data $name (printf "/etc/mediation/grpc-tls/%s" $file) }}
{{- end }}
{{- with $c.ports.grpc }}{{ $_ := set $data "GRPC_HEALTH_PORT" (include "mediation-common.grpcProbePort" $) }}{{ end }}
{{- end -}}
{{- if $uses.mongodb }}{{ $_ := set $data "MONGO_DB" ($c.mongoDb | required (printf "components.%s.mongoDb is required" .name)) }}{{ end -}}
{{- if $uses.documentStore }}
{{- $d := .root.Values.documentStore }}
{{- $_ := set $data "DOCUMENT_STORE" "s3" }}
{{- with $d.endpoint }}{{ $_ := set $data "DOCUMENT_S3_ENDPOINT" . }}{{ end }}
{{- $_ := set $data "DOCUMENT_S3_REGION" $d.region }}
{{- $_ := set $data "DOCUMENT_S3_BUCKET" $d.bucket }}
{{- $_ := set $data "DOCUMENT_S3_PREFIX" ($d.prefix | default "") }}
{{- end -}}
{{- include "mediation-common.assertNoSecretsInEnv" (dict "env" $c.env "where" (printf "components.%s.env" .name)) -}}
{{- range $k, $val := ($c.env | default dict) }}{{ $_ := set $data $k (toString $val) }}{{ end -}}
{{- toYaml $data -}}
{{- end -}}

{{- define "mediation-common.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "mediation-common.componentName" . }}-config
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
data: {{- include "mediation-common.componentConfigData" . | nindent 2 }}
{{- end -}}

{{/* Rolls the pods when their configuration changes (env from ConfigMaps is read at start only). */}}
{{- define "mediation-common.configChecksum" -}}
{{- printf "%s\n%s" (include "mediation-common.sharedConfigData" .root) (include "mediation-common.componentConfigData" .) | sha256sum -}}
{{- end -}}
