{{/*
The Deployment of one long-running component. gRPC components get native Kubernetes gRPC probes
(grpc.health.v1; with grpcTls on the plaintext health-only port); HTTP components (the gateway)
httpGet probes on /healthz and /readyz.
*/}}
{{- define "mediation-common.deployment" -}}
{{- $root := .root -}}{{- $c := .c -}}
{{- $probes := $c.probes | default dict -}}
{{- $hpa := $c.autoscaling | default dict -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  {{- if not $hpa.enabled }}
  replicas: {{ $c.replicas | default 1 }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels: {{- include "mediation-common.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels: {{- include "mediation-common.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include "mediation-common.configChecksum" . }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "mediation-common.componentName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | default 30 }}
      securityContext: {{- include "mediation-common.podSecurityContext" . | nindent 8 }}
      {{- with (include "mediation-common.podExtras" . | trim) }}
      {{- . | nindent 6 }}
      {{- end }}
      topologySpreadConstraints: {{- include "mediation-common.topologySpread" . | trim | nindent 8 }}
      containers:
        - name: {{ .name }}
          image: {{ include "mediation-common.image" . }}
          imagePullPolicy: {{ include "mediation-common.imagePullPolicy" . }}
          ports:
            {{- with $c.ports.grpc }}
            - name: grpc
              containerPort: {{ . }}
              protocol: TCP
            {{- end }}
            {{- if and $c.ports.grpc (include "mediation-common.grpcTls" .) }}
            - name: grpc-health
              containerPort: {{ include "mediation-common.grpcProbePort" . }}
              protocol: TCP
            {{- end }}
            {{- with $c.ports.http }}
            - name: http
              containerPort: {{ . }}
              protocol: TCP
            {{- end }}
            {{- if and $c.ports.metrics (ne (int $c.ports.metrics) (int ($c.ports.http | default 0))) }}
            - name: metrics
              containerPort: {{ $c.ports.metrics }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "mediation-common.sharedConfigName" $root }}
            - configMapRef:
                name: {{ include "mediation-common.componentName" . }}-config
          env: {{- include "mediation-common.env" . | nindent 12 }}
          {{- range $kind := list "startup" "liveness" "readiness" }}
          {{- with (get $probes $kind) }}
          {{ $kind }}Probe: {{- include "mediation-common.probe" (dict "probe" . "c" $c "root" $root) | nindent 12 }}
          {{- end }}
          {{- end }}
          lifecycle:
            preStop:
              # Let endpoints and the ingress controller stop sending traffic before SIGTERM.
              exec:
                command: ["sleep", "{{ $c.preStopSleepSeconds | default 5 }}"]
          resources: {{- toYaml ($c.resources | required (printf "components.%s.resources is required" .name)) | nindent 12 }}
          securityContext: {{- include "mediation-common.containerSecurityContext" . | nindent 12 }}
          volumeMounts: {{- include "mediation-common.volumeMounts" . | nindent 12 }}
      volumes: {{- include "mediation-common.volumes" . | nindent 8 }}
{{- end -}}
