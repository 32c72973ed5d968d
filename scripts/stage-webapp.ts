// npm run stage:webapp — build/webapp/ for the Agents Toolkit's azureAppService/zipDeploy (m365agents.yml, deploy):
// dist/src, package.json, package-lock.json and production node_modules, as `npm run deploy` stages them.
import { repoRoot } from './app-package/paths';
import { stageWebapp } from './deploy/stage-webapp';
import { filesToDeploy } from './deploy/zip-webapp';

stageWebapp(repoRoot(), (line) => console.log(line)).then(
  ({ dir }) => console.log(`build/webapp: ${filesToDeploy(repoRoot(), dir).length} files to deploy (after .webappignore)`),
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
