// The command line of `npm run deploy`.

export interface DeployOptions {
  resourceGroup: string;
  location: string;
  /** Appended to Azure resource names (lowercase letters and digits); undefined = the one env/.env.<env> keeps, or a new one. */
  suffix?: string;
  subscription?: string;
  /** The Agents Toolkit environment whose env/.env.<env> files are read and written. */
  env: string;
}

export const USAGE =
  'usage: npm run deploy -- --resource-group <name> --location <region> [--suffix <lowercase letters/digits>] [--subscription <id>] [--env <name, default dev>]';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const VALUE_OPTIONS = { '--resource-group': 'resourceGroup', '--location': 'location', '--suffix': 'suffix', '--subscription': 'subscription', '--env': 'env' } as const;

/** Parses argv (after the script name); `--help` is answered by the caller (it is not an error). */
export function parseOptions(argv: string[]): DeployOptions {
  const found: Partial<Record<(typeof VALUE_OPTIONS)[keyof typeof VALUE_OPTIONS], string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    const key = (VALUE_OPTIONS as Record<string, (typeof VALUE_OPTIONS)[keyof typeof VALUE_OPTIONS]>)[flag];
    if (!key) throw new UsageError(`unknown argument ${JSON.stringify(argv[i])}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    if (found[key] !== undefined) throw new UsageError(`${flag} given twice`);
    found[key] = value;
  }
  if (!found.resourceGroup) throw new UsageError('--resource-group is required');
  if (!found.location) throw new UsageError('--location is required');
  // Azure's resource group rule: 1–90 letters, digits, _ - . ( ), not ending with a period.
  if (!/^[\w\-.()]{1,90}$/.test(found.resourceGroup) || found.resourceGroup.endsWith('.')) throw new UsageError(`"${found.resourceGroup}" is not a resource group name`);
  if (!/^[a-z0-9]+$/i.test(found.location)) throw new UsageError(`"${found.location}" is not an Azure region name (e.g. westeurope)`);
  if (found.suffix !== undefined && !/^[a-z0-9]{1,10}$/.test(found.suffix)) throw new UsageError('--suffix must be 1–10 lowercase letters or digits');
  if (found.subscription !== undefined && !/^[0-9a-f-]{36}$/i.test(found.subscription)) throw new UsageError('--subscription must be a subscription id (a GUID)');
  const env = found.env ?? 'dev';
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(env)) throw new UsageError(`"${env}" is not an environment name (letters, digits, - and _)`);
  return { resourceGroup: found.resourceGroup, location: found.location.toLowerCase(), suffix: found.suffix, subscription: found.subscription, env };
}
