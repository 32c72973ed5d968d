// What a stand-in command answers: JSON on stdout, or az's error line on stderr with its exit code.

export interface Reply {
  /** Printed as JSON (undefined = nothing printed, like az for an empty 204). */
  json?: unknown;
  stderr?: string;
  exitCode: number;
}

export const ok = (json?: unknown, warning?: string): Reply => ({ json, exitCode: 0, ...(warning ? { stderr: `WARNING: ${warning}\n` } : {}) });
/** az's not-found answer: exit code 3. */
export const notFound = (message: string): Reply => ({ stderr: `ERROR: ${message}\n`, exitCode: 3 });
export const failed = (message: string): Reply => ({ stderr: `ERROR: ${message}\n`, exitCode: 1 });
