import { z } from "zod";
import type { Position } from "@/lib/pagination";

export const exportFormat = z.enum(["csv", "jsonl"]);
export type ExportFormat = z.infer<typeof exportFormat>;

/** A download: a stream of lines, never the whole file in memory. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export const EXPORT_BATCH_SIZE = 1000;

/**
 * Streams every row of a newest-first keyset list: each pull of the reader fetches one batch after
 * the last row sent, so memory holds one batch whatever the total, and a slow client slows the
 * reads down instead of filling a buffer. The stream is pulled later, by whoever reads the response,
 * outside the verb's workspace scope: a verb passes a `fetchAfter` bound to it (boundToScope).
 */
export function keysetExport<T>(options: {
  name: string;
  format: ExportFormat;
  columns: readonly string[];
  fetchAfter: (position: Position | null, take: number) => Promise<T[]>;
  positionOf: (row: T) => Position;
  toRecord: (row: T) => Record<string, unknown>;
  batchSize?: number;
}): ExportFile {
  const { format, columns, fetchAfter, positionOf, toRecord, batchSize = EXPORT_BATCH_SIZE } = options;
  const encoder = new TextEncoder();
  const line = (record: Record<string, unknown>) =>
    format === "csv" ? csvRow(columns.map((c) => record[c])) : `${JSON.stringify(record)}\n`;
  let position: Position | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === "csv") controller.enqueue(encoder.encode(csvRow(columns)));
    },
    async pull(controller) {
      const rows = await fetchAfter(position, batchSize);
      if (rows.length > 0) {
        position = positionOf(rows[rows.length - 1]);
        controller.enqueue(encoder.encode(rows.map((row) => line(toRecord(row))).join("")));
      }
      // The last batch: closed at once, so a reader waiting on an empty one is not left hanging.
      if (rows.length < batchSize) controller.close();
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return {
    filename: `${options.name}-${stamp}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body,
  };
}

/** One CSV line (RFC 4180), with cells that a spreadsheet would run as a formula neutralised. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The response of a download route. */
export function exportResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
