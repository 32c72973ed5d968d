// Who holds a claim (a delivery in progress, a change being applied), so a process that replaced a killed one on the
// same machine can tell the claim will never be finished and take over at once instead of waiting for it to lapse.
import os from 'node:os';

/** The machine: App Service's instance id where it runs (a container's host name can repeat), else the host name. */
const MACHINE = process.env.WEBSITE_INSTANCE_ID || os.hostname();

/** This process, as a claim's owner: machine and process id. */
export const THIS_PROCESS = `${MACHINE}:${process.pid}`;

/**
 * Whether `owner` is a process on this machine that no longer runs (it was killed, and this process replaced it).
 * An owner on another machine can't be checked from here: its claim is waited for.
 */
export function ownerIsGone(owner: string | undefined): boolean {
  if (!owner || owner === THIS_PROCESS) return false;
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== MACHINE || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
