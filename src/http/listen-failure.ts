// Why the server could not start listening, as one line naming the variable to change (like a ConfigError):
// Node's own report of an unhandled 'error' event is a stack trace that says neither PORT nor HOST.

/** One line for stderr: what went wrong, the variable that decides it, and Node's own words. */
export function listenFailureMessage(err: NodeJS.ErrnoException, port: number, host: string): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `Port ${port} is already in use (PORT): stop the process that holds it or set PORT to a free port (${err.message})`;
    case 'EACCES':
      return `Port ${port} may not be opened by this user (PORT): choose a port above 1023 (${err.message})`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine (HOST): use 127.0.0.1, 0.0.0.0 or one of its own addresses (${err.message})`;
    default:
      return `Could not listen on ${host}:${port} (PORT, HOST): ${err.message}`;
  }
}
