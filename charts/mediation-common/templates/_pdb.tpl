{{/* maxUnavailable rather than minAvailable: with a single replica (small city) a minAvailable: 1
     budget would block every node drain. */}}
{{- define "mediation-common.pdb" -}}
{{- $p := .c.pdb -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  {{- if hasKey $p "minAvailable" }}
  minAvailable: {{ $p.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $p.maxUnavailable | default 1 }}
  {{- end }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels: {{- include "mediation-common.selectorLabels" . | nindent 6 }}
{{- end -}}
