{{/* One ServiceAccount per component, with no API token: no component talks to the Kubernetes API. */}}
{{- define "mediation-common.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
  {{- with .annotations }}
  annotations: {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end -}}
