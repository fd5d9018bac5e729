/** What a transformation may use and produce. The README's "Transformations" section lists them. */
export const TRANSFORM_LIMITS = {
  /** CPU time of one run of the handler, in milliseconds (the top level of newly compiled code has as much again). */
  cpuMs: 50,
  /** Memory of the sandbox: heap and everything the function allocates. */
  memoryBytes: 16 * 1024 * 1024,
  /** The interpreter's stack: deep recursion stops here with a clear error. */
  stackBytes: 256 * 1024,
  /** The body the function returns, in UTF-8 bytes. */
  bodyBytes: 256 * 1024,
  /** The code itself, in characters. */
  codeChars: 64 * 1024,
  /** Headers the function may add or change. */
  headers: 20,
} as const;
