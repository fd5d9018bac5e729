import { readFileSync } from "node:fs";
import path from "node:path";
import { invalid } from "@/lib/errors";

/**
 * Password rules after NIST SP 800-63B: a minimum length (the schemas: 12 to 200 characters), no
 * composition rules, and a check against passwords known to be common or guessable — the 10,000
 * most common ones (lib/auth/common-passwords.txt, also with digits and symbols around them
 * removed), repetitions and runs ("aaaa…", "abcabc…", "123456…"), and the person's own email.
 * Returns the reason a password is refused, or null.
 */
export function passwordProblem(password: string, context: { email?: string | null } = {}): string | null {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  const common = commonPasswords();
  if (common.has(lower) || (core.length >= 4 && common.has(core)) || common.has(lower.replace(/\s+/g, ""))) {
    return "This password is one of the most common ones: choose one that is not";
  }
  if (/^(.{1,4})\1+$/su.test(lower)) return "A repeated pattern is easy to guess: choose another password";
  if (isRun(lower)) return "A run of consecutive characters is easy to guess: choose another password";
  const local = context.email?.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 4 && lower.includes(local)) return "Do not use your email address in your password";
  return null;
}

/** Throws a field error (on `field`) when the password is refused. */
export function assertAcceptablePassword(password: string, context: { email?: string | null }, field = "password") {
  const problem = passwordProblem(password, context);
  if (problem) throw invalid(problem, { [field]: [problem] });
}

/** Keyboard and alphabet runs, wrapping around ("…7890123…"), forwards and backwards. */
const RUNS = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm"].flatMap((run) => {
  const around = run.repeat(Math.ceil(200 / run.length) + 1);
  return [around, [...around].reverse().join("")];
});

/** "123456789012", "abcdefghijkl", "qwertyuiopas", "987654321…": a stretch of one of RUNS. */
const isRun = (value: string) => RUNS.some((run) => run.includes(value));

let cached: Set<string> | undefined;

/** The shipped list, read once per process (the portal runs from the repository's root). */
function commonPasswords(): Set<string> {
  cached ??= new Set(
    readFileSync(path.join(process.cwd(), "lib", "auth", "common-passwords.txt"), "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#")),
  );
  return cached;
}
