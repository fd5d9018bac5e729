// The tracing switch and the W3C traceparent helpers; and the test OTLP receiver's protobuf and
// JSON reading, checked against the official encoders of @opentelemetry/otlp-transformer.
import { trace, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { describe, expect, it } from "vitest";
import { decodeTraceRequest } from "@/lib/testing/otlp-receiver";
import { contextOf, inSpan, startSpan, tracingEnabled, tracingRequested, traceparentOf } from "./tracing";

describe("the tracing switch", () => {
  it("is on only with an OTLP endpoint, and off when the SDK is disabled or the exporter is none", () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "" })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_TRACES_EXPORTER: "none" })).toBe(false);
  });

  it("off, the helpers run the work and make nothing", async () => {
    expect(tracingEnabled()).toBe(false);
    expect(startSpan("x")).toBeNull();
    expect(await inSpan("x", {}, async (span) => span)).toBeNull();
    expect(traceparentOf()).toBeNull();
  });

  it("reads a W3C traceparent as a remote parent, and refuses malformed or all-zero ids", () => {
    const c = trace.getSpanContext(contextOf("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    expect(c).toMatchObject({ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331", traceFlags: 1, isRemote: true });
    for (const bad of [
      null,
      "",
      "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "00-00000000000000000000000000000000-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
      "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
    ])
      expect(trace.getSpanContext(contextOf(bad))).toBeUndefined();
  });
});

describe("the test OTLP receiver", () => {
  async function someSpans() {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ "service.name": "decoder-check" }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer("decoder-test");
    const parent = tracer.startSpan("parent", { kind: SpanKind.SERVER, attributes: { "a.string": "x", "a.int": 42, "a.bool": true } });
    const child = tracer.startSpan(
      "child",
      { kind: SpanKind.CLIENT, attributes: { "a.double": 1.5, "a.list": ["p", "q"] } },
      trace.setSpan(contextOf(null), parent),
    );
    child.setStatus({ code: SpanStatusCode.ERROR, message: "http_error" });
    child.end();
    parent.end();
    await provider.forceFlush();
    return exporter.getFinishedSpans();
  }

  it("decodes the protobuf the official serializer writes", async () => {
    const spans = await someSpans();
    const decoded = decodeTraceRequest(ProtobufTraceSerializer.serializeRequest(spans)!);
    expect(decoded).toHaveLength(2);
    const parent = decoded.find((s) => s.name === "parent")!;
    const child = decoded.find((s) => s.name === "child")!;
    const original = spans.find((s) => s.name === "child")!;
    expect(child).toMatchObject({
      traceId: original.spanContext().traceId,
      spanId: original.spanContext().spanId,
      parentSpanId: parent.spanId,
      kind: 3,
      attributes: { "a.double": 1.5, "a.list": ["p", "q"] },
      status: { code: 2, message: "http_error" },
      resource: { "service.name": "decoder-check" },
      scope: "decoder-test",
    });
    expect(parent).toMatchObject({ parentSpanId: "", kind: 2, attributes: { "a.string": "x", "a.int": 42, "a.bool": true } });
    expect(child.endTimeUnixNano).toBeGreaterThanOrEqual(child.startTimeUnixNano);
    // And the JSON form the same exporter family writes.
    const json = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!));
    expect(json.resourceSpans[0].scopeSpans[0].spans.map((s: { spanId: string }) => s.spanId).sort()).toEqual(
      decoded.map((s) => s.spanId).sort(),
    );
  });
});
