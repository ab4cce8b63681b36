{{/*
Ingress to the gateway: the web console at / and the API at /api/v1. Server-sent events need long
read timeouts and no response buffering at the proxy (annotations in values, per controller).
*/}}
{{- define "mediation-common.ingress" -}}
{{- $ing := .root.Values.ingress -}}
{{- $svc := include "mediation-common.componentName" . -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $svc }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
  {{- with $ing.annotations }}
  annotations: {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $ing.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if $ing.tls.enabled }}
  tls:
    - hosts: [{{ $ing.host | quote }}]
      secretName: {{ $ing.tls.secretName | required "ingress.tls.secretName is required when ingress.tls.enabled" }}
  {{- end }}
  rules:
    - host: {{ $ing.host | required "ingress.host is required" | quote }}
      http:
        paths:
          {{- range ($ing.paths | default (list "/")) }}
          - path: {{ . }}
            pathType: Prefix
            backend:
              service:
                name: {{ $svc }}
                port:
                  name: http
          {{- end }}
{{- end -}}
