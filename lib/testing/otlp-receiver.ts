import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { IExportTraceServiceResponse } from "@opentelemetry/otlp-transformer";

/**
 * An OTLP/HTTP trace receiver on loopback for tests: it takes what an exporter POSTs to
 * `/v1/traces` (protobuf, as the portal's exporter sends it, or JSON), decodes every span with
 * its resource, and answers as a collector does (an empty ExportTraceServiceResponse).
 *
 * The protobuf is read by field number after opentelemetry-proto's trace.proto
 * (ExportTraceServiceRequest → ResourceSpans → ScopeSpans → Span): `@opentelemetry/otlp-transformer`
 * encodes requests but no longer exports a decoder for them. otlp-receiver.test.ts checks this
 * reader against that encoder.
 */

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** "" for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  links: { traceId: string; spanId: string }[];
  resource: Record<string, AttributeValue>;
  scope: string;
}

export interface OtlpReceiver {
  /** The base URL, for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  spans: ReceivedSpan[];
  /** How many export requests came in. */
  requests: () => number;
  close: () => Promise<void>;
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      if (req.method !== "POST" || req.url !== "/v1/traces") {
        res.writeHead(404).end();
        return;
      }
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      const json = String(req.headers["content-type"]).startsWith("application/json");
      try {
        spans.push(...(json ? decodeJsonRequest(JSON.parse(body.toString("utf8"))) : decodeTraceRequest(body)));
      } catch (error) {
        res.writeHead(400, { "content-type": "text/plain" }).end(String(error));
        return;
      }
      const answer: IExportTraceServiceResponse = {};
      if (json) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      else res.writeHead(200, { "content-type": "application/x-protobuf" }).end(); // an empty message: no partial success
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A protobuf field as read off the wire: a varint, fixed-width bytes or a length-delimited slice. */
type Field = { wire: 0; value: bigint } | { wire: 1 | 5; bytes: Buffer } | { wire: 2; bytes: Buffer };

/** The fields of one protobuf message, by field number, in order. */
function readMessage(buf: Buffer): Map<number, Field[]> {
  const fields = new Map<number, Field[]>();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error("truncated varint");
      const b = buf[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (pos < buf.length) {
    const tag = Number(varint());
    const number = tag >>> 3;
    const wire = tag & 7;
    let field: Field;
    if (wire === 0) field = { wire, value: varint() };
    else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      field = { wire, bytes: buf.subarray(pos, pos + size) };
      pos += size;
    } else if (wire === 2) {
      const length = Number(varint());
      field = { wire, bytes: buf.subarray(pos, pos + length) };
      pos += length;
    } else throw new Error(`unsupported wire type ${wire}`);
    if (pos > buf.length) throw new Error("truncated field");
    fields.set(number, [...(fields.get(number) ?? []), field]);
  }
  return fields;
}

const all = (m: Map<number, Field[]>, n: number) => m.get(n) ?? [];
const bytesOf = (m: Map<number, Field[]>, n: number): Buffer => {
  const f = all(m, n).at(-1);
  return f && f.wire !== 0 ? f.bytes : Buffer.alloc(0);
};
const stringOf = (m: Map<number, Field[]>, n: number) => bytesOf(m, n).toString("utf8");
const hexOf = (m: Map<number, Field[]>, n: number) => bytesOf(m, n).toString("hex");
const varintOf = (m: Map<number, Field[]>, n: number): bigint => {
  const f = all(m, n).at(-1);
  return f?.wire === 0 ? f.value : 0n;
};
const fixed64Of = (m: Map<number, Field[]>, n: number): bigint => {
  const b = bytesOf(m, n);
  return b.length === 8 ? b.readBigUInt64LE(0) : 0n;
};
const messages = (m: Map<number, Field[]>, n: number) => all(m, n).map((f) => readMessage(f.wire === 2 ? f.bytes : Buffer.alloc(0)));

/** AnyValue: 1 string, 2 bool, 3 int, 4 double, 5 array, 6 key-value list, 7 bytes. */
function anyValue(m: Map<number, Field[]>): AttributeValue {
  if (m.has(1)) return stringOf(m, 1);
  if (m.has(2)) return varintOf(m, 2) !== 0n;
  if (m.has(3)) return Number(BigInt.asIntN(64, varintOf(m, 3)));
  if (m.has(4)) return bytesOf(m, 4).readDoubleLE(0);
  if (m.has(5)) return messages(messages(m, 5)[0], 1).map(anyValue);
  if (m.has(6)) return keyValues(messages(m, 6)[0], 1);
  if (m.has(7)) return bytesOf(m, 7).toString("base64");
  return null;
}

/** KeyValue: 1 key, 2 value. */
function keyValues(m: Map<number, Field[]>, n: number): Record<string, AttributeValue> {
  return Object.fromEntries(messages(m, n).map((kv) => [stringOf(kv, 1), anyValue(messages(kv, 2)[0] ?? new Map())]));
}

/** ExportTraceServiceRequest (protobuf) → its spans. */
export function decodeTraceRequest(body: Buffer | Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of messages(readMessage(Buffer.from(body)), 1)) {
    const resource = keyValues(messages(resourceSpans, 1)[0] ?? new Map(), 1);
    for (const scopeSpans of messages(resourceSpans, 2)) {
      const scope = stringOf(messages(scopeSpans, 1)[0] ?? new Map(), 1);
      for (const s of messages(scopeSpans, 2)) {
        const status = messages(s, 15)[0] ?? new Map();
        spans.push({
          traceId: hexOf(s, 1),
          spanId: hexOf(s, 2),
          parentSpanId: hexOf(s, 4),
          name: stringOf(s, 5),
          kind: Number(varintOf(s, 6)),
          startTimeUnixNano: fixed64Of(s, 7),
          endTimeUnixNano: fixed64Of(s, 8),
          attributes: keyValues(s, 9),
          status: { code: Number(varintOf(status, 3)), message: stringOf(status, 2) },
          links: messages(s, 13).map((l) => ({ traceId: hexOf(l, 1), spanId: hexOf(l, 2) })),
          resource,
          scope,
        });
      }
    }
  }
  return spans;
}

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
  kvlistValue?: { values?: JsonKeyValue[] };
  bytesValue?: string;
}
interface JsonKeyValue {
  key: string;
  value?: JsonAnyValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: JsonKeyValue[];
  status?: { code?: number; message?: string };
  links?: { traceId: string; spanId: string }[];
}
interface JsonRequest {
  resourceSpans?: {
    resource?: { attributes?: JsonKeyValue[] };
    scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[];
  }[];
}

function jsonValue(v: JsonAnyValue | undefined): AttributeValue {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(jsonValue);
  if (v.kvlistValue) return jsonAttributes(v.kvlistValue.values);
  return v.bytesValue ?? null;
}
const jsonAttributes = (kvs: JsonKeyValue[] | undefined) => Object.fromEntries((kvs ?? []).map((kv) => [kv.key, jsonValue(kv.value)]));

/** ExportTraceServiceRequest (OTLP/JSON, ids in hex) → its spans. */
function decodeJsonRequest(request: JsonRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((rs) =>
    (rs.scopeSpans ?? []).flatMap((ss) =>
      (ss.spans ?? []).map((s) => ({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId ?? "",
        name: s.name,
        kind: s.kind ?? 0,
        startTimeUnixNano: BigInt(s.startTimeUnixNano),
        endTimeUnixNano: BigInt(s.endTimeUnixNano),
        attributes: jsonAttributes(s.attributes),
        status: { code: s.status?.code ?? 0, message: s.status?.message ?? "" },
        links: s.links ?? [],
        resource: jsonAttributes(rs.resource?.attributes),
        scope: ss.scope?.name ?? "",
      })),
    ),
  );
}
