{{/* CPU-driven autoscaling. Replicas of a Kafka consumer beyond the topic's partition count sit
     idle: keep maxReplicas <= kafka.topics.partitions for the consuming services. */}}
{{- define "mediation-common.hpa" -}}
{{- $a := .c.autoscaling -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "mediation-common.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels: {{- include "mediation-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "mediation-common.componentName" . }}
  minReplicas: {{ $a.minReplicas | default 1 }}
  maxReplicas: {{ $a.maxReplicas | required (printf "components.%s.autoscaling.maxReplicas is required" .name) }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $a.targetCPUUtilizationPercentage | default 70 }}
    {{- with $a.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
  behavior:
    scaleDown:
      # Consumer-group rebalances are not free: scale down slowly.
      stabilizationWindowSeconds: {{ $a.scaleDownStabilizationSeconds | default 300 }}
      policies:
        - type: Pods
          value: 1
          periodSeconds: 60
{{- end -}}
