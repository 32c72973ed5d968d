// The ${{VAR}} values `npm run deploy` fills infra/azure.parameters.json and aad.manifest.json with: the env file's,
// then what the run found or made. Same names as the Agents Toolkit writes (m365agents.yml), plus the AAD_APP_*
// names the Toolkit's SSO samples use for the same (here: single) Entra app.

export interface RunValues {
  env: string;
  appId: string;
  objectId: string;
  tenantId: string;
  secret: string;
}

export function templateVariables(envFile: Readonly<Record<string, string>>, userFile: Readonly<Record<string, string>>, run: RunValues): Record<string, string> {
  return {
    ...envFile,
    ...userFile,
    TEAMSFX_ENV: run.env,
    APP_NAME_SUFFIX: envFile.APP_NAME_SUFFIX || run.env,
    BOT_ID: run.appId,
    BOT_OBJECT_ID: run.objectId,
    BOT_TENANT_ID: run.tenantId,
    SECRET_BOT_PASSWORD: run.secret,
    AAD_APP_CLIENT_ID: run.appId,
    AAD_APP_OBJECT_ID: run.objectId,
    AAD_APP_TENANT_ID: run.tenantId,
    SECRET_AAD_APP_CLIENT_SECRET: run.secret,
  };
}
