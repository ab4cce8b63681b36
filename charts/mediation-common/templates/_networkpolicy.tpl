{{/*
NetworkPolicies. The release has a default deny (ingress and egress) for its pods; each component
then gets exactly what it needs:
  ingress - gRPC services: on the gRPC port, only from the components that call them
            (`calls` in values: the gateway calls all five, referral calls intake and mediation,
            notification calls intake);
            the gateway: from the ingress controller on its HTTP port;
            metrics: from Prometheus' namespace;
  egress  - DNS; the gRPC port of each component it calls; Kafka, MongoDB and the OTLP collector
            and the document store for the components that use them; extraEgress (e.g. the
            gateway's OIDC issuer, notification's SMS provider).
Peers of external endpoints come from values; an empty peer list would mean "anywhere", so it is
refused: write 0.0.0.0/0 explicitly if that is what you want.
*/}}

{{/* One egress rule to a configured dependency: dict "name" "kafka" "np" .Values.kafka.networkPolicy */}}
{{- define "mediation-common.egressRule" -}}
{{- if not .np.to }}
{{- fail (printf "%s.networkPolicy.to is empty: list the peers (namespaceSelector/podSelector/ipBlock) that serve %s" .name .name) }}
{{- end }}
- to: {{- toYaml .np.to | nindent 4 }}
  ports: {{- toYaml (.np.ports | required (printf "%s.networkPolicy.ports is required" .name)) | nindent 4 }}
{{- end -}}

{{- define "mediation-common.dnsEgressRule" -}}
{{- $dns := .Values.networkPolicy.dns -}}
- to: {{- toYaml $dns.to | nindent 4 }}
  ports: {{- toYaml $dns.ports | nindent 4 }}
{{- end -}}

{{/* The enabled components that call component .name over gRPC (their `calls`). */}}
{{- define "mediation-common.grpcCallers" -}}
{{- $callers := list -}}
{{- range $name, $c := .root.Values.components }}
{{- if and $c.enabled (has $.name ($c.calls | default list)) }}{{ $callers = append $callers $name }}{{ end }}
{{- end }}
{{- $callers | sortAlpha | join " " -}}
{{- end -}}

{{- define "mediation-common.networkPolicy" -}}
{{- $root := .root -}}{{- $c := .c -}}
{{- $np := $c.networkPolicy | default dict -}}
{{- $uses := $c.uses | default dict -}}
{{- $metricsPort := $c.ports.metrics | default $c.ports.http -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels: {{- include "mediation-common.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    {{- $callers := include "mediation-common.grpcCallers" . | splitList " " | compact }}
    {{- if and $c.ports.grpc $callers }}
    # Only the components that call this one: {{ join ", " $callers }}.
    - from:
        {{- range $callers }}
        - podSelector:
            matchLabels: {{- include "mediation-common.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
        {{- end }}
      ports:
        - port: {{ $c.ports.grpc }}
          protocol: TCP
    {{- end }}
    {{- if and $np.fromIngressController $c.ports.http }}
    # The ingress controller (nothing else reaches the gateway).
    - from: {{- toYaml $root.Values.networkPolicy.ingressController.from | nindent 8 }}
      ports:
        - port: {{ $c.ports.http }}
          protocol: TCP
    {{- end }}
    {{- if and $metricsPort $root.Values.networkPolicy.prometheus.from }}
    # Prometheus scrapes /metrics.
    - from: {{- toYaml $root.Values.networkPolicy.prometheus.from | nindent 8 }}
      ports:
        - port: {{ $metricsPort }}
          protocol: TCP
    {{- end }}
    {{- with $np.extraIngress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  egress:
    {{- include "mediation-common.dnsEgressRule" $root | trim | nindent 4 }}
    {{- range ($c.calls | default list) }}
    {{- $callee := index $root.Values.components . | default dict }}
    {{- if not $callee.ports }}
    {{- fail (printf "components.%s.calls names %s, which is not a component" $.name .) }}
    {{- end }}
    {{- if $callee.enabled }}
    # Calls {{ . }} over gRPC.
    - to:
        - podSelector:
            matchLabels: {{- include "mediation-common.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
      ports:
        - port: {{ $callee.ports.grpc | required (printf "components.%s has no gRPC port to call" .) }}
          protocol: TCP
    {{- end }}
    {{- end }}
    {{- if $uses.kafka }}
    {{- include "mediation-common.egressRule" (dict "name" "kafka" "np" $root.Values.kafka.networkPolicy) | trim | nindent 4 }}
    {{- end }}
    {{- if $uses.mongodb }}
    {{- include "mediation-common.egressRule" (dict "name" "mongodb" "np" $root.Values.mongodb.networkPolicy) | trim | nindent 4 }}
    {{- end }}
    {{- if $uses.documentStore }}
    {{- include "mediation-common.egressRule" (dict "name" "documentStore" "np" $root.Values.documentStore.networkPolicy) | trim | nindent 4 }}
    {{- end }}
    {{- if $root.Values.telemetry.otlpEndpoint }}
    {{- include "mediation-common.egressRule" (dict "name" "telemetry" "np" $root.Values.telemetry.networkPolicy) | trim | nindent 4 }}
    {{- end }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* Deny all traffic to and from this release's pods unless another policy allows it. With
     namespaceWide, every pod of the namespace (use a namespace of its own for the platform). */}}
{{- define "mediation-common.defaultDenyNetworkPolicy" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "mediation-common.fullname" . }}-default-deny
  namespace: {{ .Release.Namespace }}
  labels: {{- include "mediation-common.releaseLabels" . | nindent 4 }}
spec:
  {{- if .Values.networkPolicy.namespaceWideDefaultDeny }}
  podSelector: {}
  {{- else }}
  podSelector:
    matchLabels: {{- include "mediation-common.platformLabels" . | nindent 6 }}
  {{- end }}
  policyTypes: [Ingress, Egress]
{{- end -}}
