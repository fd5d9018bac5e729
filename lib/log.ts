import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import type { z } from "zod";
import { logLevel } from "@/lib/env";
import { activeTraceIds } from "@/lib/observability/tracing";

/**
 * The portal's one logger: JSON lines on stdout (level, time, msg, and the request id of the
 * request being served), pretty-printed when stdout is a terminal. Every process (`npm start`,
 * `npm run worker`, the Next server code) logs through it; nothing in the runtime calls console.
 *
 * Never log a secret: log ids and classes, not headers or bodies. As a second line of defence
 * the keys below are censored wherever they appear in what is logged.
 */
const REDACTED_PATHS = [
  "authorization",
  "cookie",
  "password",
  "token",
  "bearerToken",
  "secret",
  "signingSecret",
  "encryptionKey",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.token",
  "*.bearerToken",
  "*.secret",
  "*.signingSecret",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
];

interface RequestContext {
  requestId: string;
}

const globalForLog = globalThis as unknown as { portalLogger?: Logger; portalRequestContext?: AsyncLocalStorage<RequestContext> };

/** The request being served, shared by the HTTP server and the code Next runs for it. */
export const requestContext = (globalForLog.portalRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** An incoming x-request-id is kept when it is this sane; otherwise the portal makes one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{8,128}$/;

export const saneRequestId = (value: string | null | undefined): string | null => (value && SANE_REQUEST_ID.test(value) ? value : null);

/** The id of the request this code runs for, if any. */
export const currentRequestId = (): string | null => requestContext.getStore()?.requestId ?? null;

function defaultLevel(): z.infer<typeof logLevel> {
  const parsed = logLevel.safeParse(process.env.PORTAL_LOG_LEVEL || undefined);
  if (parsed.success) return parsed.data;
  return process.env.NODE_ENV === "test" ? "silent" : "info";
}

/** Builds a logger writing to `destination` (a terminal gets the pretty form). */
export function createLogger(destination: NodeJS.WritableStream = process.stdout, level = defaultLevel()): Logger {
  const tty = (destination as NodeJS.WriteStream).isTTY === true;
  const stream = tty
    ? pretty({ colorize: true, sync: true, destination, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" })
    : destination === process.stdout
      ? // Standard output is a pipe or a file: written without blocking, lines that come while a write
        // is under way going out together with the next one (one system call, not one per line).
        // What is buffered is flushed when the process exits.
        pino.destination({ dest: 1, sync: false })
      : destination;
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // The request id, and the trace and span ids of the active span while traces are exported.
      mixin: () => {
        const requestId = currentRequestId();
        const ids = activeTraceIds();
        return requestId ? { requestId, ...ids } : ids;
      },
    },
    stream,
  );
}

/** Replaces this process's logger (tests that read what is logged). */
export function useLogger(log: Logger) {
  globalForLog.portalLogger = log;
}

/** This process's logger. */
export function logger(): Logger {
  return (globalForLog.portalLogger ??= createLogger());
}
