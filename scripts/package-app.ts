// npm run package -- <env>: env/.env.<env> + appPackage/ → appPackage/build/appPackage.<env>.zip (validated offline).
import path from 'node:path';
import { EnvFileError, listEnvNames } from './app-package/env-file';
import { PackageError, writeAppPackage } from './app-package/write-app-package';
import { repoRoot } from './app-package/paths';
import { MalformedPlaceholderError } from './app-package/placeholders';
import { SchemaNotBundledError } from './app-package/validate';

async function main(argv: string[]): Promise<number> {
  const root = repoRoot();
  const envName = argv[0];
  if (!envName || argv.length > 1 || envName.startsWith('-')) {
    console.error(`usage: npm run package -- <env>   (reads env/.env.<env>; environments: ${listEnvNames(root).join(', ')})`);
    return 1;
  }
  try {
    const pkg = await writeAppPackage(root, envName);
    for (const w of pkg.warnings) console.warn(`warning: ${w}`);
    const bot = pkg.manifest.bots?.[0]?.botId;
    console.log(
      `${path.relative(root, pkg.file)}: Teams manifest v${pkg.schemaVersion} valid, app ${pkg.manifest.id}, bot ${bot}`,
    );
    return 0;
  } catch (err) {
    if (
      err instanceof PackageError ||
      err instanceof EnvFileError ||
      err instanceof SchemaNotBundledError ||
      err instanceof MalformedPlaceholderError
    ) {
      console.error(`error: ${err.message}`);
      if (err instanceof PackageError) for (const d of err.details) console.error(`  - ${d}`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
