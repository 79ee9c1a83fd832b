/**
 * The OpenTelemetry standard variables (OTEL_*) and METRICS_PORT, validated like every other
 * variable. The SDK's exporters also read a few OTEL_EXPORTER_OTLP_* themselves (headers,
 * timeout, compression): the one documented exception to "no process.env outside a loader".
 * Checking them here too means a typo is a start-up error listing every problem, not a silent
 * exporter that never sends anything.
 */
import { ProblemList } from './problems';
import { readPort, type FieldContext } from './fields';
import { decideProfile } from './profile';
import { read, type EnvSource } from './source';

export const tracesSamplers = [
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
  'always_on',
  'always_off',
  'traceidratio',
] as const;
export type TracesSampler = (typeof tracesSamplers)[number];

export const otlpProtocols = ['http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof otlpProtocols)[number];

export type Propagator = 'tracecontext' | 'baggage';

/** Where and how spans leave the process. */
export interface TracesExport {
  /** The URL spans are POSTed to: the traces endpoint as given, or the endpoint + `/v1/traces`. */
  readonly url: string;
  readonly protocol: OtlpProtocol;
  readonly sampler: TracesSampler;
  /** OTEL_TRACES_SAMPLER_ARG: the share of new traces kept by the ratio samplers (0 to 1). */
  readonly ratio: number;
  /** OTEL_BSP_SCHEDULE_DELAY: milliseconds between two exports of the batch processor. */
  readonly scheduleDelayMs: number;
  readonly propagators: readonly Propagator[];
}

export interface MetricsListener {
  readonly host: string;
  readonly port: number;
}

export interface TelemetryEnv {
  /** OTEL_SERVICE_NAME, default the registry name (`orders-api`, `web`). */
  readonly serviceName: string;
  /** OTEL_RESOURCE_ATTRIBUTES, e.g. `deployment.environment.name=staging`. */
  readonly resourceAttributes: Readonly<Record<string, string>>;
  /**
   * Undefined when nothing would receive a span: no endpoint, OTEL_TRACES_EXPORTER=none or
   * OTEL_SDK_DISABLED=true. No SDK, no exporter then (the exporter's own default would send to
   * localhost:4318).
   */
  readonly traces: TracesExport | undefined;
  /** METRICS_PORT: a second listener that serves GET /metrics and nothing else. Unset: none. */
  readonly metrics: MetricsListener | undefined;
}

/** Every variable this reader validates, for the loaders' lists and turbo.json. */
export const telemetryEnvVariables = [
  'OTEL_SDK_DISABLED',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_TRACES_EXPORTER',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OTEL_EXPORTER_OTLP_TIMEOUT',
  'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
  'OTEL_EXPORTER_OTLP_COMPRESSION',
  'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_PROPAGATORS',
  'OTEL_BSP_SCHEDULE_DELAY',
  'METRICS_PORT',
] as const;

const docs = 'docs/observability.md';

export interface TelemetryDefaults {
  /** The registry name: `orders-api`, `web`. */
  readonly serviceName: string;
  /** Where the metrics listener binds: the app's own host. */
  readonly metricsHost: string;
  /** The app's public port: METRICS_PORT must be another one. */
  readonly publicPort: number;
}

/** Reads and checks every telemetry variable, recording problems in `ctx`. */
export function readTelemetry(ctx: FieldContext, defaults: TelemetryDefaults): TelemetryEnv {
  const { source, problems } = ctx;
  const disabled = readBoolean(ctx, 'OTEL_SDK_DISABLED');
  const exporters = readList(ctx, 'OTEL_TRACES_EXPORTER', ['otlp', 'none'], ['otlp']);
  const url = readTracesUrl(ctx);
  const protocol = readProtocol(ctx);
  const sampler = readChoice(ctx, 'OTEL_TRACES_SAMPLER', tracesSamplers, 'parentbased_always_on');
  const ratio = readRatio(ctx);
  const scheduleDelayMs = readMillis(ctx, 'OTEL_BSP_SCHEDULE_DELAY', 5000);
  const propagators = readList(
    ctx,
    'OTEL_PROPAGATORS',
    ['tracecontext', 'baggage', 'none'],
    ['tracecontext', 'baggage'],
  ).filter((p): p is Propagator => p !== 'none');
  for (const name of ['OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'])
    checkHeaders(ctx, name);
  for (const name of ['OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'])
    readMillis(ctx, name, 10_000);
  for (const name of ['OTEL_EXPORTER_OTLP_COMPRESSION', 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION'])
    readChoice(ctx, name, ['gzip', 'none'], 'none');

  const metricsPort = read(source, 'METRICS_PORT');
  const port = metricsPort === undefined ? undefined : readPort(ctx, 'METRICS_PORT', 0);
  if (port !== undefined && port !== 0 && port === defaults.publicPort) {
    problems.add(
      'METRICS_PORT',
      `is the public port ${port}`,
      'choose another port: /metrics is served only on a listener the public port does not serve',
    );
  }

  const exporting = !disabled && !exporters.includes('none') && url !== undefined;
  const resourceAttributes = readResourceAttributes(ctx);
  return Object.freeze({
    // The spec's order: OTEL_SERVICE_NAME, then service.name in the resource attributes.
    serviceName:
      read(source, 'OTEL_SERVICE_NAME') ??
      resourceAttributes['service.name'] ??
      defaults.serviceName,
    resourceAttributes,
    traces: exporting
      ? Object.freeze({ url, protocol, sampler, ratio, scheduleDelayMs, propagators })
      : undefined,
    metrics: port === undefined ? undefined : Object.freeze({ host: defaults.metricsHost, port }),
  });
}

/**
 * The telemetry variables alone, for an instrumentation entry point that runs before the app's
 * own loader (`node --import`). The app's loader checks them again with everything else.
 */
export function loadTelemetryEnv(
  defaults: Omit<TelemetryDefaults, 'metricsHost' | 'publicPort'>,
  options: { readonly source: EnvSource },
): TelemetryEnv {
  const problems = new ProblemList();
  const ctx: FieldContext = {
    source: options.source,
    problems,
    decision: decideProfile(options.source),
  };
  const telemetry = readTelemetry(ctx, { ...defaults, metricsHost: '127.0.0.1', publicPort: -1 });
  problems.throwIfAny(defaults.serviceName);
  return telemetry;
}

function readBoolean(ctx: FieldContext, name: string): boolean {
  const raw = read(ctx.source, name)?.toLowerCase();
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  ctx.problems.add(name, `"${raw}" is not true or false`, `set ${name}=true or unset it`);
  return false;
}

function readChoice<T extends string>(
  ctx: FieldContext,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = read(ctx.source, name);
  if (raw === undefined) return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  ctx.problems.add(name, `"${raw}" is not supported`, `use one of ${allowed.join(', ')} (${docs})`);
  return fallback;
}

function readList(
  ctx: FieldContext,
  name: string,
  allowed: readonly string[],
  fallback: readonly string[],
): string[] {
  const raw = read(ctx.source, name);
  if (raw === undefined) return [...fallback];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item));
  if (unknown.length > 0) {
    ctx.problems.add(
      name,
      `${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not supported`,
      `use ${allowed.join(', ')} (${docs})`,
    );
  }
  return items.filter((item) => allowed.includes(item));
}

function readTracesUrl(ctx: FieldContext): string | undefined {
  const specific = read(ctx.source, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = read(ctx.source, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const [name, raw] = specific
    ? ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', specific]
    : ['OTEL_EXPORTER_OTLP_ENDPOINT', base];
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.problems.add(
      name,
      `"${raw}" is not an http(s) URL`,
      `set it to the collector's OTLP/HTTP address, e.g. ${name}=http://otel-collector:4318${specific ? '/v1/traces' : ''}`,
    );
    return undefined;
  }
  // The signal-specific URL is used as is; the base one gets the signal's path (the spec's rule).
  return specific ? url.href : `${url.href.replace(/\/+$/, '')}/v1/traces`;
}

function readProtocol(ctx: FieldContext): OtlpProtocol {
  const name = read(ctx.source, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL')
    ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'
    : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const raw = read(ctx.source, name);
  if (raw === 'grpc') {
    ctx.problems.add(
      name,
      'grpc is not supported by these apps',
      `use http/protobuf (the collector's port 4318) or http/json (${docs})`,
    );
    return 'http/protobuf';
  }
  return readChoice(ctx, name, otlpProtocols, 'http/protobuf');
}

function readRatio(ctx: FieldContext): number {
  const raw = read(ctx.source, 'OTEL_TRACES_SAMPLER_ARG');
  if (raw === undefined) return 1;
  const ratio = Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    ctx.problems.add(
      'OTEL_TRACES_SAMPLER_ARG',
      `"${raw}" is not a number from 0 to 1`,
      'set the share of traces to keep, e.g. OTEL_TRACES_SAMPLER_ARG=0.1 for 10 %',
    );
    return 1;
  }
  return ratio;
}

function readMillis(ctx: FieldContext, name: string, fallback: number): number {
  const raw = read(ctx.source, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) {
    ctx.problems.add(name, `"${raw}" is not a whole number of milliseconds`, `e.g. ${name}=5000`);
    return fallback;
  }
  return Number(raw);
}

/** `key=value,key2=value2`. Values often hold an API key: a problem never echoes them. */
function checkHeaders(ctx: FieldContext, name: string): void {
  const raw = read(ctx.source, name);
  if (raw === undefined) return;
  const bad = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => ({
      i,
      key: entry.split('=')[0]?.trim() ?? '',
      ok: /^[^=]+=.+$/.test(entry),
    }))
    .filter((entry) => !entry.ok || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(entry.key));
  if (bad.length > 0) {
    ctx.problems.add(
      name,
      `entr${bad.length === 1 ? 'y' : 'ies'} ${bad.map((b) => b.i + 1).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not name=value (values not shown)`,
      `e.g. ${name}=x-honeycomb-team=<key>,x-other=<value>`,
    );
  }
}

function readResourceAttributes(ctx: FieldContext): Readonly<Record<string, string>> {
  const raw = read(ctx.source, 'OTEL_RESOURCE_ATTRIBUTES');
  const attributes: Record<string, string> = {};
  if (raw === undefined) return Object.freeze(attributes);
  for (const entry of raw.split(',')) {
    if (entry.trim() === '') continue;
    const at = entry.indexOf('=');
    const key = entry.slice(0, at).trim();
    let value: string | undefined;
    try {
      value = at > 0 ? decodeURIComponent(entry.slice(at + 1).trim()) : undefined;
    } catch {
      value = undefined;
    }
    if (!key || value === undefined) {
      ctx.problems.add(
        'OTEL_RESOURCE_ATTRIBUTES',
        `"${entry.trim()}" is not key=value`,
        'e.g. OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=staging,service.version=1.4.2',
      );
      continue;
    }
    attributes[key] = value;
  }
  return Object.freeze(attributes);
}
