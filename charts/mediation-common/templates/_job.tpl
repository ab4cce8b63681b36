{{/*
The bootstrap Job: checks the org directory data and creates or grows the Kafka topics (each with
its dead-letter topic), running `node tools/bootstrap/dist/main.js` from the tools image. It is a pre-install /
pre-upgrade hook so topics exist before any service starts; hooks run before the release's own
ConfigMaps, ServiceAccounts and NetworkPolicies exist, so the Job carries its settings inline and its
ServiceAccount and NetworkPolicy are hooks themselves (lower weight, created first).
*/}}
{{- define "mediation-common.hookAnnotations" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}

{{/* TOPIC_PARTITIONS_<NAME> of tools/bootstrap: the topic name, upper case, runs of other
     characters as "_" (mediation.intake.case-events.v1 -> MEDIATION_INTAKE_CASE_EVENTS_V1). */}}
{{- define "mediation-common.topicPartitionsEnv" -}}
{{- range $key, $t := .Values.kafka.topics }}
{{- if not $t.name }}{{ fail (printf "kafka.topics.%s.name is required" $key) }}{{ end }}
- name: TOPIC_PARTITIONS_{{ regexReplaceAll "[^A-Za-z0-9]+" $t.name "_" | upper }}
  value: {{ $t.partitions | required (printf "kafka.topics.%s.partitions is required" $key) | quote }}
{{- end }}
{{- end -}}

{{- define "mediation-common.bootstrapJob" -}}
{{- $root := .root -}}{{- $c := .c -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
  annotations: {{- include "mediation-common.hookAnnotations" (dict "weight" -10) | nindent 4 }}
automountServiceAccountToken: false
{{- if $root.Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
  annotations: {{- include "mediation-common.hookAnnotations" (dict "weight" -10) | nindent 4 }}
spec:
  podSelector:
    matchLabels: {{- include "mediation-common.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  egress:
    {{- include "mediation-common.dnsEgressRule" $root | trim | nindent 4 }}
    {{- include "mediation-common.egressRule" (dict "name" "kafka" "np" $root.Values.kafka.networkPolicy) | trim | nindent 4 }}
    {{- if ($c.uses | default dict).mongodb }}
    {{- include "mediation-common.egressRule" (dict "name" "mongodb" "np" $root.Values.mongodb.networkPolicy) | trim | nindent 4 }}
    {{- end }}
    {{- if $root.Values.telemetry.otlpEndpoint }}
    {{- include "mediation-common.egressRule" (dict "name" "telemetry" "np" $root.Values.telemetry.networkPolicy) | trim | nindent 4 }}
    {{- end }}
{{- end }}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
  annotations: {{- include "mediation-common.hookAnnotations" (dict "weight" 0) | nindent 4 }}
spec:
  backoffLimit: {{ $c.backoffLimit | default 6 }}
  activeDeadlineSeconds: {{ $c.activeDeadlineSeconds | default 900 }}
  ttlSecondsAfterFinished: {{ $c.ttlSecondsAfterFinished | default 604800 }}
  template:
    metadata:
      labels: {{- include "mediation-common.labels" . | nindent 8 }}
    spec:
      restartPolicy: Never
      serviceAccountName: {{ include "mediation-common.componentName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext: {{- include "mediation-common.podSecurityContext" . | nindent 8 }}
      {{- with (include "mediation-common.podExtras" . | trim) }}
      {{- . | nindent 6 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ include "mediation-common.image" . }}
          imagePullPolicy: {{ include "mediation-common.imagePullPolicy" . }}
          command: ["node", "tools/bootstrap/dist/main.js"]
          env:
            {{- /* Inline, not envFrom: the release's ConfigMaps do not exist yet when a pre-install hook runs. */}}
            {{- range $k, $v := (include "mediation-common.sharedConfigData" $root | fromYaml) }}
            {{- if not (hasSuffix "_GRPC_URL" $k) }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
            {{- end }}
            - name: SERVICE_NAME
              value: {{ .name }}
            - name: OTEL_SERVICE_NAME
              value: {{ .name }}
            - name: KAFKA_CLIENT_ID
              value: {{ .name }}
            - name: KAFKA_REPLICATION_FACTOR
              value: {{ $root.Values.kafka.replicationFactor | required "kafka.replicationFactor is required" | quote }}
            - name: KAFKA_ACLS
              value: {{ $c.kafkaAcls | default false | toString | quote }}
            {{- include "mediation-common.topicPartitionsEnv" $root | trim | nindent 12 }}
            {{- if ($c.uses | default dict).mongodb }}
            - name: MONGO_DB
              value: {{ $c.mongoDb | required "bootstrap.mongoDb is required when bootstrap.uses.mongodb" | quote }}
            {{- end }}
            {{- include "mediation-common.env" . | nindent 12 }}
          resources: {{- toYaml ($c.resources | required "bootstrap.resources is required") | nindent 12 }}
          securityContext: {{- include "mediation-common.containerSecurityContext" . | nindent 12 }}
          volumeMounts: {{- include "mediation-common.volumeMounts" . | nindent 12 }}
      volumes: {{- include "mediation-common.volumes" . | nindent 8 }}
{{- end -}}
