{{/* Prometheus Operator ServiceMonitor (optional: needs the monitoring.coreos.com CRDs). */}}
{{- define "mediation-common.serviceMonitor" -}}
{{- $sm := .root.Values.telemetry.serviceMonitor -}}
{{- $c := .c -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "mediation-common.labels" . | nindent 4 }}
    {{- with $sm.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels: {{- include "mediation-common.selectorLabels" . | nindent 6 }}
  namespaceSelector:
    matchNames: [{{ .root.Release.Namespace }}]
  endpoints:
    - port: {{ if and $c.ports.metrics (ne (int $c.ports.metrics) (int ($c.ports.http | default 0))) }}metrics{{ else }}http{{ end }}
      path: /metrics
      interval: {{ $sm.interval | default "30s" }}
      scrapeTimeout: {{ $sm.scrapeTimeout | default "10s" }}
{{- end -}}
