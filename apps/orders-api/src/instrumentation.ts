// Loaded before the server with --import (package.json's scripts, the Dockerfile): starts
// OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set (docs/observability.md).
import { registerApiTelemetry } from '@repo/service-kit/telemetry';

registerApiTelemetry('orders', import.meta.url);
