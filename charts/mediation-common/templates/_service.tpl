{{/* ClusterIP Service of a component (and a headless twin when callers balance per call). */}}
{{- define "mediation-common.servicePorts" -}}
{{- $c := .c -}}
{{- with $c.ports.grpc }}
- name: grpc
  port: {{ . }}
  targetPort: grpc
  protocol: TCP
  appProtocol: kubernetes.io/h2c
{{- end }}
{{- with $c.ports.http }}
- name: http
  port: {{ . }}
  targetPort: http
  protocol: TCP
  appProtocol: http
{{- end }}
{{- if and $c.ports.metrics (ne (int $c.ports.metrics) (int ($c.ports.http | default 0))) }}
- name: metrics
  port: {{ $c.ports.metrics }}
  targetPort: metrics
  protocol: TCP
  appProtocol: http
{{- end }}
{{- end -}}

{{- define "mediation-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector: {{- include "mediation-common.selectorLabels" . | nindent 4 }}
  ports: {{- include "mediation-common.servicePorts" . | trim | nindent 4 }}
{{- if and .c.ports.grpc (eq (.root.Values.grpcClientTarget | default "clusterIP") "headless") }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "mediation-common.componentName" . }}-headless
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  clusterIP: None
  selector: {{- include "mediation-common.selectorLabels" . | nindent 4 }}
  ports: {{- include "mediation-common.servicePorts" . | trim | nindent 4 }}
{{- end }}
{{- end -}}
