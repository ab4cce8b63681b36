{{/*
Everything one long-running component needs, as a stream of YAML documents:
ServiceAccount, ConfigMap, Deployment, Service, HPA, PDB, NetworkPolicy, ServiceMonitor.
Call with: include "mediation-common.component" (dict "root" $ "name" "intake" "c" .Values.components.intake)
*/}}
{{- define "mediation-common.component" -}}
{{- $c := .c -}}
{{ include "mediation-common.serviceAccount" . }}
---
{{ include "mediation-common.configMap" . }}
---
{{ include "mediation-common.deployment" . }}
---
{{ include "mediation-common.service" . }}
{{- if ($c.autoscaling | default dict).enabled }}
---
{{ include "mediation-common.hpa" . }}
{{- end }}
{{- if ($c.pdb | default dict).enabled }}
---
{{ include "mediation-common.pdb" . }}
{{- end }}
{{- if .root.Values.networkPolicy.enabled }}
---
{{ include "mediation-common.networkPolicy" . }}
{{- end }}
{{- if .root.Values.telemetry.serviceMonitor.enabled }}
---
{{ include "mediation-common.serviceMonitor" . }}
{{- end }}
{{- end -}}
