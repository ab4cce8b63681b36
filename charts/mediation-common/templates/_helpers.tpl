{{/*
Helpers shared by every template of the library.

Most templates take a "component context": a dict with
  root - the chart's root context ($), for .Values, .Release, .Chart
  name - the component's name (intake, mediation, referral, statistics, notification, gateway,
         bootstrap)
  c    - the component's values block (.Values.components.<name>, or .Values.bootstrap)
*/}}

{{/* The release-wide prefix of every object name: fullnameOverride, else the release name. */}}
{{- define "mediation-common.fullname" -}}
{{- $v := .Values | default dict -}}
{{- default .Release.Name $v.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* <fullname>-<component>: the name of a component's Deployment, Service, ServiceAccount... */}}
{{- define "mediation-common.componentName" -}}
{{- printf "%s-%s" (include "mediation-common.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "mediation-common.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The labels that say "a pod of this release of the platform": used by NetworkPolicy peers. */}}
{{- define "mediation-common.platformLabels" -}}
app.kubernetes.io/part-of: mediation-platform
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels that never change for a component: Deployment selectors, Service selectors, spread. */}}
{{- define "mediation-common.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "mediation-common.labels" -}}
{{ include "mediation-common.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
app.kubernetes.io/part-of: mediation-platform
app.kubernetes.io/version: {{ include "mediation-common.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "mediation-common.chartLabel" .root }}
{{- end -}}

{{/* Release-level labels, for objects that belong to no single component. */}}
{{- define "mediation-common.releaseLabels" -}}
{{ include "mediation-common.platformLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "mediation-common.chartLabel" . }}
{{- end -}}

{{- define "mediation-common.imageTag" -}}
{{- $g := .root.Values.global.image | default dict -}}
{{- $i := .c.image | default dict -}}
{{- toString ($i.tag | default $g.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{/* registry/repository:tag, or registry/repository@digest when a digest is given. */}}
{{- define "mediation-common.image" -}}
{{- $g := .root.Values.global.image | default dict -}}
{{- $i := .c.image | default dict -}}
{{- if not $i.repository -}}
{{- fail (printf "%s: image.repository is required" .name) -}}
{{- end -}}
{{- $registry := $i.registry | default $g.registry -}}
{{- $ref := $i.repository -}}
{{- if $registry }}{{ $ref = printf "%s/%s" (trimSuffix "/" $registry) $i.repository }}{{ end -}}
{{- if $i.digest -}}
{{- printf "%s@%s" $ref $i.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (include "mediation-common.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{- define "mediation-common.imagePullPolicy" -}}
{{- $g := .root.Values.global.image | default dict -}}
{{- $i := .c.image | default dict -}}
{{- $i.pullPolicy | default $g.pullPolicy | default "IfNotPresent" -}}
{{- end -}}

{{/* A component's own securityContext replaces the release default as a whole (no deep merge:
     sprig's merge functions cannot override a default with false or 0). */}}
{{- define "mediation-common.podSecurityContext" -}}
{{- toYaml (.c.podSecurityContext | default .root.Values.podSecurityContext) -}}
{{- end -}}

{{- define "mediation-common.containerSecurityContext" -}}
{{- toYaml (.c.containerSecurityContext | default .root.Values.containerSecurityContext) -}}
{{- end -}}

{{- define "mediation-common.imagePullSecrets" -}}
{{- with .root.Values.global.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* Spread replicas over zones and nodes. matchLabelKeys limits the count to the current
     ReplicaSet, so a rollout is not skewed by the pods it is replacing. */}}
{{- define "mediation-common.topologySpread" -}}
{{- $ts := .root.Values.topologySpread | default dict -}}
{{- range $key, $when := dict "topology.kubernetes.io/zone" ($ts.zone | default "ScheduleAnyway") "kubernetes.io/hostname" ($ts.hostname | default "ScheduleAnyway") }}
- maxSkew: 1
  topologyKey: {{ $key }}
  whenUnsatisfiable: {{ $when }}
  matchLabelKeys: [pod-template-hash]
  labelSelector:
    matchLabels: {{- include "mediation-common.selectorLabels" $ | nindent 6 }}
{{- end }}
{{- end -}}

{{/* Mutual TLS on this component's gRPC connections (docs/security.md, "Transport"): on with
     grpcTls.enabled for every component that serves or calls gRPC. Renders "true" or nothing. */}}
{{- define "mediation-common.grpcTls" -}}
{{- $t := .root.Values.grpcTls | default dict -}}
{{- if and $t.enabled (or (dig "ports" "grpc" 0 .c) (dig "calls" list .c)) -}}true{{- end -}}
{{- end -}}

{{/* Where the kubelet's gRPC probes go: the gRPC port, or with mutual TLS the plaintext
     health-only port (GRPC_HEALTH_PORT), since a probe cannot present a client certificate. */}}
{{- define "mediation-common.grpcProbePort" -}}
{{- if and (include "mediation-common.grpcTls" .) .c.ports.grpc -}}
{{- .root.Values.grpcTls.healthPort | required "grpcTls.healthPort is required when grpcTls.enabled" | int -}}
{{- else -}}
{{- .c.ports.grpc | int -}}
{{- end -}}
{{- end -}}

{{/* A probe from values. `grpc: {}` gets the component's gRPC probe port, `httpGet` its http port,
     so the ports are written once. Values can drop a probe (null); the policy check then fails. */}}
{{- define "mediation-common.probe" -}}
{{- $p := deepCopy .probe -}}
{{- if hasKey $p "grpc" -}}
{{- $_ := set $p "grpc" (merge (deepCopy ($p.grpc | default dict)) (dict "port" (int (include "mediation-common.grpcProbePort" .)))) -}}
{{- else if hasKey $p "httpGet" -}}
{{- $_ := set $p "httpGet" (merge (deepCopy ($p.httpGet | default dict)) (dict "port" "http")) -}}
{{- end -}}
{{- toYaml $p -}}
{{- end -}}

{{/* Environment names that hold secrets: they must come from a Secret, never from values. */}}
{{- define "mediation-common.secretEnvNames" -}}
MONGO_URL PII_ENCRYPTION_KEY PII_HASH_KEY KAFKA_SASL_USERNAME KAFKA_SASL_PASSWORD PRINCIPAL_SIGNING_KEY DOCUMENT_S3_ACCESS_KEY_ID DOCUMENT_S3_SECRET_ACCESS_KEY SMS_ACCESS_KEY_ID SMS_ACCESS_KEY_SECRET PHONE_CHECK_KEY PARTY_SESSION_KEY
{{- end -}}

{{- define "mediation-common.assertNoSecretsInEnv" -}}
{{- $forbidden := splitList " " (include "mediation-common.secretEnvNames" .) -}}
{{- range $k, $_ := (.env | default dict) }}
{{- if has $k $forbidden }}
{{- fail (printf "%s: %s is a secret; reference a Kubernetes Secret (existingSecret / secretEnv), never a value" $.where $k) }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Secret-backed and downward-API environment of a container (the rest comes from ConfigMaps). */}}
{{- define "mediation-common.env" -}}
{{- $root := .root -}}{{- $c := .c -}}
{{- $uses := $c.uses | default dict -}}
- name: POD_NAME
  valueFrom: { fieldRef: { fieldPath: metadata.name } }
- name: POD_NAMESPACE
  valueFrom: { fieldRef: { fieldPath: metadata.namespace } }
- name: OTEL_RESOURCE_ATTRIBUTES
  value: "k8s.pod.name=$(POD_NAME),k8s.namespace.name=$(POD_NAMESPACE),service.version={{ include "mediation-common.imageTag" . }}"
{{- if $uses.mongodb }}
{{- $m := $c.mongodb | default dict }}
- name: MONGO_URL
  valueFrom:
    secretKeyRef:
      name: {{ $m.existingSecret | default $root.Values.mongodb.existingSecret | required "mongodb.existingSecret is required" }}
      key: {{ $m.urlKey | default .name }}
{{- end }}
{{- if and $uses.kafka $root.Values.kafka.sasl.enabled }}
{{- /* Each component signs in as its own user, so that the brokers' ACLs tell them apart. */}}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.kafka.sasl.existingSecret | required "kafka.sasl.existingSecret is required when kafka.sasl.enabled" }}
      key: {{ .name }}-username
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.kafka.sasl.existingSecret }}
      key: {{ .name }}-password
{{- end }}
{{- if $uses.documentStore }}
{{- range list "DOCUMENT_S3_ACCESS_KEY_ID" "DOCUMENT_S3_SECRET_ACCESS_KEY" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.documentStore.existingSecret | required "documentStore.existingSecret is required" }}
      key: {{ . }}
{{- end }}
{{- end }}
{{- if has .name (list "intake" "mediation" "referral" "statistics" "notification" "gateway") }}
{{- /* Signs the principal of this component's calls (docs/security.md). */}}
- name: PRINCIPAL_SIGNING_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.principalTokens.existingSecret | required "principalTokens.existingSecret is required" }}
      key: {{ .name }}
{{- end }}
{{- range $c.secretEnv }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secretName | required "secretEnv[].secretName is required" }}
      key: {{ .key | default .name }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}
{{- if $root.Values.caBundle.existingSecret }}
- name: NODE_EXTRA_CA_CERTS
  value: /etc/mediation/ca/{{ $root.Values.caBundle.key | default "ca.crt" }}
{{- end }}
{{- end -}}

{{/* Writable scratch space (the root filesystem is read-only), the optional CA bundle, and the
     component's gRPC certificate (ca.crt, tls.crt, tls.key) with mutual TLS. */}}
{{- define "mediation-common.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "mediation-common.grpcTls" . }}
- name: grpc-tls
  mountPath: /etc/mediation/grpc-tls
  readOnly: true
{{- end }}
{{- if .root.Values.caBundle.existingSecret }}
- name: ca-bundle
  mountPath: /etc/mediation/ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "mediation-common.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .root.Values.tmpSizeLimit | default "64Mi" }}
{{- if include "mediation-common.grpcTls" . }}
- name: grpc-tls
  secret:
    secretName: {{ get (.root.Values.grpcTls.secrets | default dict) .name | required (printf "grpcTls.secrets.%s is required when grpcTls.enabled" .name) }}
    # Readable by the pod's group (fsGroup) only: the key is the component's identity.
    defaultMode: 0440
    items:
      - { key: ca.crt, path: ca.crt }
      - { key: tls.crt, path: tls.crt }
      - { key: tls.key, path: tls.key }
{{- end }}
{{- if .root.Values.caBundle.existingSecret }}
- name: ca-bundle
  secret:
    secretName: {{ .root.Values.caBundle.existingSecret }}
    items:
      - key: {{ .root.Values.caBundle.key | default "ca.crt" }}
        path: {{ .root.Values.caBundle.key | default "ca.crt" }}
{{- end }}
{{- end -}}

{{/* imagePullSecrets and scheduling settings of a pod spec (may render nothing). */}}
{{- define "mediation-common.podExtras" -}}
{{- include "mediation-common.imagePullSecrets" . }}
{{- with .c.priorityClassName | default .root.Values.priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .c.nodeSelector | default .root.Values.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.tolerations | default .root.Values.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .c.affinity }}
affinity: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
