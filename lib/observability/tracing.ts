import {
  context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";

/**
 * OpenTelemetry traces of the portal and its workers, exported over OTLP when the standard
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, off otherwise.
 *
 * Off, nothing of the SDK is loaded and every helper below returns at its first line. On, one
 * tracer provider per process (parent-based sampling, batched OTLP/HTTP protobuf export), a
 * context manager so that spans nest across awaits, and the SDK's own reading of `OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES` and the OTLP header, timeout and compression variables.
 *
 * Spans are made by hand at the few places that matter (the HTTP request, fan-out, each
 * delivery's queue wait and send, manual sends) and carry ids, classes and status codes only:
 * never a URL (a chat webhook's URL is its secret), a header value or a body.
 */

const TRACER_NAME = "webhooks-portal";

interface TracingState {
  provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> };
}

const globalForTracing = globalThis as unknown as { portalTracing?: TracingState | null };

/** True when this process exports traces (see startTracing). */
export const tracingEnabled = (): boolean => Boolean(globalForTracing.portalTracing);

/** Whether the environment asks for traces: an OTLP endpoint is set and the SDK is not disabled. */
export function tracingRequested(source: Record<string, string | undefined> = process.env): boolean {
  if ((source.OTEL_SDK_DISABLED ?? "").trim().toLowerCase() === "true") return false;
  if ((source.OTEL_TRACES_EXPORTER ?? "").trim().toLowerCase() === "none") return false;
  return Boolean(source.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || source.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/**
 * Starts exporting traces when the environment asks for it (see tracingRequested); returns
 * whether it did. `serviceName` is the default `service.name`, which `OTEL_SERVICE_NAME` overrides.
 * Call it once, first thing, in each process (scripts/start.ts, scripts/worker.ts).
 */
export async function startTracing(serviceName: string): Promise<boolean> {
  const source = process.env;
  if (globalForTracing.portalTracing) return true;
  if (!tracingRequested(source)) return false;
  const [{ AsyncLocalStorageContextManager }, sdk, { OTLPTraceExporter }, resources, { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION }] =
    await Promise.all([
      import("@opentelemetry/context-async-hooks"),
      import("@opentelemetry/sdk-trace"),
      import("@opentelemetry/exporter-trace-otlp-proto"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/semantic-conventions"),
    ]);
  const resource = resources
    .defaultResource()
    .merge(resources.resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName, [ATTR_SERVICE_VERSION]: "0.1.0" }))
    .merge(resources.detectResources({ detectors: [resources.resourceAttributesEnvDetector, resources.serviceNameEnvDetector] }));
  const sdkProvider = new sdk.TracerProvider({
    resource,
    sampler: samplerFromEnv(sdk, source),
    spanProcessors: [
      new sdk.BatchSpanProcessor({
        exporter: new OTLPTraceExporter(),
        scheduledDelayMillis: numberFrom(source.OTEL_BSP_SCHEDULE_DELAY, 5000),
        maxQueueSize: numberFrom(source.OTEL_BSP_MAX_QUEUE_SIZE, 2048),
        maxExportBatchSize: numberFrom(source.OTEL_BSP_MAX_EXPORT_BATCH_SIZE, 512),
        exportTimeoutMillis: numberFrom(source.OTEL_BSP_EXPORT_TIMEOUT, 30_000),
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(withoutNextSpans(sdkProvider));
  globalForTracing.portalTracing = { provider: sdkProvider };
  return true;
}

/** Sends the spans ended so far (a process about to exit, a test about to read them). */
export async function flushTracing(): Promise<void> {
  await globalForTracing.portalTracing?.provider.forceFlush();
}

/** Sends what is left and stops exporting (at shutdown). */
export async function stopTracing(): Promise<void> {
  const state = globalForTracing.portalTracing;
  if (!state) return;
  globalForTracing.portalTracing = null;
  await state.provider.shutdown();
  trace.disable();
  context.disable();
}

/**
 * Next.js makes spans of its own whenever a provider is registered, with the request URL and its
 * query in them. The portal's HTTP span (lib/server/http-server.ts) stands for the request
 * instead: Next gets a tracer that records nothing (its spans pass our context through).
 */
function withoutNextSpans(provider: TracerProvider): TracerProvider {
  const noop: Tracer = {
    startSpan: (_name, _options, ctx) => trace.wrapSpanContext(trace.getSpanContext(ctx ?? context.active()) ?? INVALID),
    startActiveSpan: ((_name: string, ...args: unknown[]) => {
      const fn = args[args.length - 1] as (span: Span) => unknown;
      const ctx = (args.length >= 3 ? (args[1] as Context | undefined) : undefined) ?? context.active();
      const span = trace.wrapSpanContext(trace.getSpanContext(ctx) ?? INVALID);
      return context.with(trace.setSpan(ctx, span), fn, undefined, span);
    }) as Tracer["startActiveSpan"],
  };
  return { getTracer: (name, version, options) => (name === "next.js" ? noop : provider.getTracer(name, version, options)) };
}

const INVALID: SpanContext = { traceId: "00000000000000000000000000000000", spanId: "0000000000000000", traceFlags: TraceFlags.NONE };

type Sdk = typeof import("@opentelemetry/sdk-trace");

/** The standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG; parent-based, always on by default. */
function samplerFromEnv(sdk: Sdk, source: Record<string, string | undefined>) {
  const ratio = Math.min(1, Math.max(0, numberFrom(source.OTEL_TRACES_SAMPLER_ARG, 1)));
  switch ((source.OTEL_TRACES_SAMPLER ?? "").trim().toLowerCase()) {
    case "always_on":
      return new sdk.AlwaysOnSampler();
    case "always_off":
      return new sdk.AlwaysOffSampler();
    case "traceidratio":
      return new sdk.TraceIdRatioBasedSampler(ratio);
    case "parentbased_always_off":
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(ratio) });
    default:
      return new sdk.ParentBasedSampler({ root: new sdk.AlwaysOnSampler() });
  }
}

function numberFrom(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
}

function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

export { SpanKind };

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent: the active context unless given (a stored traceparent, say: see contextOf). */
  parent?: Context;
  startTime?: Date;
}

/**
 * Runs `work` in a new span, the active one while it runs; a throw marks the span as an error
 * (its class, never its message: that may quote a receiver) and is passed on. Off: runs `work`.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span | null) => Promise<T>): Promise<T> {
  if (!globalForTracing.portalTracing) return work(null);
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind, attributes: options.attributes, startTime: options.startTime }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "Error" });
    span.setAttribute("error.type", error instanceof Error ? error.name : "Error");
    throw error;
  } finally {
    span.end();
  }
}

/** Starts a span that the caller ends (one that does not wrap a single function call). Off: null. */
export function startSpan(name: string, options: SpanOptions = {}): Span | null {
  if (!globalForTracing.portalTracing) return null;
  return tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes, startTime: options.startTime },
    options.parent ?? context.active(),
  );
}

/** Records a span that already happened, from `start` to `end` (a delivery's wait in the queue). */
export function recordSpan(name: string, options: SpanOptions & { startTime: Date; endTime: Date }): void {
  if (!globalForTracing.portalTracing) return;
  tracer()
    .startSpan(
      name,
      { kind: options.kind, attributes: options.attributes, startTime: options.startTime },
      options.parent ?? context.active(),
    )
    .end(options.endTime);
}

/** Runs `work` with `span` active (its children nest under it). */
export function withSpan<T>(span: Span | null, work: () => T): T {
  return span ? context.with(trace.setSpan(context.active(), span), work) : work();
}

/** Marks a span as failed with a class of error (never a message that could quote a receiver). */
export function markFailed(span: Span | null, errorType: string) {
  if (!span) return;
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
  span.setAttribute("error.type", errorType);
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C `traceparent` of a span (the active one unless given), or null when tracing is off or
 * no span is recording.
 */
export function traceparentOf(span: Span | null | undefined = trace.getActiveSpan()): string | null {
  if (!globalForTracing.portalTracing || !span) return null;
  const c = span.spanContext();
  if (!trace.isSpanContextValid(c)) return null;
  return `00-${c.traceId}-${c.spanId}-${(c.traceFlags & TraceFlags.SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE).toString(16).padStart(2, "0")}`;
}

/**
 * The context that continues a W3C `traceparent` (an incoming request's, or one stored with a
 * message): a remote parent. An absent or malformed value gives the root context: a new trace.
 */
export function contextOf(traceparent: string | null | undefined): Context {
  const m = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!m || /^0+$/.test(m[1]) || /^0+$/.test(m[2])) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: m[1], spanId: m[2], traceFlags: parseInt(m[3], 16) & 1, isRemote: true });
}

/** The trace and span ids of the active span, for log lines; empty when none records. */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  if (!globalForTracing.portalTracing) return {};
  const c = trace.getActiveSpan()?.spanContext();
  return c && trace.isSpanContextValid(c) ? { trace_id: c.traceId, span_id: c.spanId } : {};
}
