import {
  newQuickJSWASMModuleFromVariant,
  shouldInterruptAfterDeadline,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import { TRANSFORM_LIMITS } from "./limits";

/** Why a run produced nothing to send. */
export interface TransformFailure {
  kind: "syntax" | "exception" | "timeout" | "memory" | "output";
  message: string;
  /** Where in the admin's code, when known (1-based). */
  line: number | null;
  column: number | null;
}

export type SandboxResult = { ok: true; output: unknown } | { ok: false; error: TransformFailure };

/** The file name the code is compiled under: its stack frames name it, which finds the line. */
const FILE = "transformation.js";

/**
 * Runs before the admin's code in every context: takes away the ways to compile code at run time
 * (`eval`, the Function constructors reached directly or through any function's `constructor`)
 * and returns the runner, which keeps its own JSON and Object functions so the admin's code cannot
 * swap them for the host-facing conversion. QuickJS here has no module loader, no std/os modules,
 * no timers, no network and nothing of Node: what is left is the language itself.
 */
const PRELUDE = `(() => {
  const refuse = (what) => function () { throw new EvalError(what + " is not available in a transformation"); };
  const protoOf = Object.getPrototypeOf;
  for (const proto of [Function.prototype, protoOf(function* () {}), protoOf(async function () {}), protoOf(async function* () {})]) {
    Object.defineProperty(proto, "constructor", { value: refuse("Function"), writable: false, configurable: false, enumerable: false });
  }
  Object.defineProperty(globalThis, "Function", { value: refuse("Function"), writable: false, configurable: false, enumerable: false });
  Object.defineProperty(globalThis, "eval", { value: refuse("eval"), writable: false, configurable: false, enumerable: false });
  const parse = JSON.parse, stringify = JSON.stringify, isArray = Array.isArray, objectProto = Object.prototype;
  return function run(input) {
    const handler = globalThis.handler;
    if (typeof handler !== "function") throw new TypeError("Define function handler(webhook) { … } and return the webhook");
    const webhook = parse(input);
    const out = handler(webhook);
    const result = out === undefined ? webhook : out;
    const proto = result !== null && typeof result === "object" ? protoOf(result) : undefined;
    if (isArray(result) || (proto !== objectProto && proto !== null))
      throw new TypeError("handler must return the webhook object (or nothing, having changed it in place); a Promise or other value cannot be sent");
    return stringify(result);
  };
})()`;

let modulePromise: Promise<QuickJSWASMModule> | null = null;

/** The QuickJS WebAssembly module, loaded once per process (about 0.1 s). */
export function loadQuickJs(): Promise<QuickJSWASMModule> {
  modulePromise ??= newQuickJSWASMModuleFromVariant(releaseSync).catch((error: unknown) => {
    modulePromise = null;
    throw error;
  });
  return modulePromise;
}

interface Compiled {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  run: QuickJSHandle;
}

/**
 * Compiled contexts by key (a saved version's id, or a hash of code being tried), least recently
 * used first. Creating a context and compiling the code costs about 0.5 ms, several times a run:
 * a version that runs on every delivery keeps its context. A run that fails drops it.
 */
const PRELUDE_DEADLINE_MS = 2000;
const compiled = new Map<string, Compiled>();
const MAX_COMPILED = 64;

/**
 * Runs `code`'s `handler` on `input` (made plain JSON on the way in and on the way out) inside
 * QuickJS compiled to WebAssembly, within TRANSFORM_LIMITS. Never throws for anything the code
 * does: every failure is returned, with its line and column when the code caused it.
 */
export async function runInSandbox(key: string, code: string, input: unknown): Promise<SandboxResult> {
  if (code.length > TRANSFORM_LIMITS.codeChars)
    return failure("syntax", `The code is longer than ${TRANSFORM_LIMITS.codeChars} characters`);
  const quickJs = await loadQuickJs();
  let entry = compiled.get(key);
  if (entry) {
    compiled.delete(key);
  } else {
    const made = compile(quickJs, code);
    if (!made.ok) return made;
    entry = made.entry;
  }
  const result = call(entry, JSON.stringify(input));
  if (result.ok) {
    compiled.set(key, entry);
    while (compiled.size > MAX_COMPILED) {
      const [oldest, value] = compiled.entries().next().value!;
      compiled.delete(oldest);
      dispose(value);
    }
  } else {
    dispose(entry);
  }
  return result;
}

/** Compiles `code` in a fresh context and runs its top level, to report a syntax error (or a top level that throws) before it is saved. */
export async function checkCode(code: string): Promise<TransformFailure | null> {
  if (code.length > TRANSFORM_LIMITS.codeChars)
    return failure("syntax", `The code is longer than ${TRANSFORM_LIMITS.codeChars} characters`).error;
  const made = compile(await loadQuickJs(), code);
  if (!made.ok) return made.error;
  dispose(made.entry);
  return null;
}

/** Forgets every compiled context (tests, and a process that wants its memory back). */
export function clearCompiledTransformations() {
  for (const entry of compiled.values()) dispose(entry);
  compiled.clear();
}

function compile(quickJs: QuickJSWASMModule, code: string): { ok: true; entry: Compiled } | { ok: false; error: TransformFailure } {
  const runtime = quickJs.newRuntime();
  runtime.setMemoryLimit(TRANSFORM_LIMITS.memoryBytes);
  runtime.setMaxStackSize(TRANSFORM_LIMITS.stackBytes);
  // The prelude is the portal's own code: its first run in a fresh process also warms up the
  // WebAssembly, which must not count against the admin's code.
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + PRELUDE_DEADLINE_MS));
  const context = runtime.newContext();
  const partial = { runtime, context } as Compiled;
  try {
    const prelude = context.evalCode(PRELUDE, "prelude.js", { type: "global" });
    if (prelude.error) {
      prelude.error.dispose();
      dispose(partial);
      return failure("exception", "The sandbox could not be prepared");
    }
    runtime.setInterruptHandler(cpuBudget());
    const defined = context.evalCode(code, FILE, { type: "global", strict: false });
    if (defined.error) {
      const error = describe(context, defined.error, "syntax");
      defined.error.dispose();
      prelude.value.dispose();
      dispose(partial);
      return { ok: false, error };
    }
    defined.value.dispose();
    return { ok: true, entry: { runtime, context, run: prelude.value } };
  } catch (error) {
    dispose(partial);
    return failure("exception", `The sandbox stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function call(entry: Compiled, input: string): SandboxResult {
  const { runtime, context } = entry;
  try {
    runtime.setInterruptHandler(cpuBudget());
    const argument = context.newString(input);
    const result = context.callFunction(entry.run, context.undefined, argument);
    argument.dispose();
    if (result.error) {
      const error = describe(context, result.error, "exception");
      result.error.dispose();
      return { ok: false, error };
    }
    const text = context.getString(result.value);
    result.value.dispose();
    // Work left queued (a promise, an import()) would run nowhere: the result is what was returned.
    if (runtime.hasPendingJob()) return failure("output", "handler must finish synchronously: promises and import() cannot be used");
    if (text.length > TRANSFORM_LIMITS.bodyBytes * 2)
      return failure("output", `The webhook returned is larger than the ${TRANSFORM_LIMITS.bodyBytes / 1024} KiB a body may have`);
    return { ok: true, output: JSON.parse(text) as unknown };
  } catch (error) {
    // The interpreter itself gave up (out of memory while reporting, a WebAssembly trap).
    return failure("memory", `The sandbox stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * An interrupt handler that stops the code once it has used TRANSFORM_LIMITS.cpuMs of this
 * process's CPU time — not wall time, so a busy machine descheduling the process does not fail a
 * quick function — or, as a backstop, twenty times that in wall time. QuickJS asks it every few
 * thousand instructions; a loop without any still stops.
 */
function cpuBudget(): () => boolean {
  const start = process.cpuUsage();
  const wallEnd = Date.now() + TRANSFORM_LIMITS.cpuMs * 20;
  return () => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000 > TRANSFORM_LIMITS.cpuMs || Date.now() > wallEnd;
  };
}

/** A QuickJS error as a failure: its kind, message and the first frame in the admin's code. */
function describe(context: QuickJSContext, handle: QuickJSHandle, fallback: "syntax" | "exception"): TransformFailure {
  let dumped: unknown;
  try {
    dumped = context.dump(handle);
  } catch {
    return { kind: "memory", message: "The transformation ran out of memory", line: null, column: null };
  }
  const error = (dumped ?? {}) as { name?: unknown; message?: unknown; stack?: unknown; lineNumber?: unknown };
  const name = typeof error.name === "string" ? error.name : "Error";
  const message = typeof error.message === "string" ? error.message : String(dumped);
  const where = typeof error.stack === "string" ? new RegExp(`${FILE.replace(".", "\\.")}:(\\d+):(\\d+)`).exec(error.stack) : null;
  const line = where ? Number(where[1]) : typeof error.lineNumber === "number" ? error.lineNumber : null;
  const column = where ? Number(where[2]) : null;
  if (name === "InternalError" && message === "interrupted")
    return { kind: "timeout", message: `The transformation ran longer than ${TRANSFORM_LIMITS.cpuMs} ms and was stopped`, line, column };
  if (name === "InternalError" && (message === "out of memory" || message === "string too long"))
    return {
      kind: "memory",
      message: `The transformation used more than ${TRANSFORM_LIMITS.memoryBytes / 1024 / 1024} MB of memory and was stopped`,
      line,
      column,
    };
  if (name === "InternalError" && message === "stack overflow")
    return { kind: "exception", message: "Too much recursion: the stack overflowed", line, column };
  return { kind: name === "SyntaxError" ? "syntax" : fallback, message: `${name}: ${message}`.slice(0, 500), line, column };
}

function failure(kind: TransformFailure["kind"], message: string): { ok: false; error: TransformFailure } {
  return { ok: false, error: { kind, message, line: null, column: null } };
}

function dispose(entry: Partial<Compiled>) {
  try {
    entry.run?.dispose();
    entry.context?.dispose();
    entry.runtime?.dispose();
  } catch {
    // A runtime stopped mid-allocation may refuse to free cleanly; its memory goes with the module's.
  }
}
