"""Observability: Prometheus metrics, the /healthz and /metrics server, and ``briefbot status``."""
