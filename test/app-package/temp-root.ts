// A throw-away copy of the parts of the repository packaging reads: appPackage/ (manifest + icons) and env files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../scripts/app-package/paths';

export const REPO_ROOT = repoRoot(__dirname);

export interface TempRoot {
  root: string;
  writeEnv(name: string, content: string): void;
  writeManifest(manifest: object): void;
  remove(): void;
}

export function makeTempRoot(): TempRoot {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"app-package-test","private":true}\n');
  fs.mkdirSync(path.join(root, 'appPackage'));
  fs.mkdirSync(path.join(root, 'env'));
  for (const f of ['manifest.json', 'zh-cn.json', 'color.png', 'outline.png']) {
    fs.copyFileSync(path.join(REPO_ROOT, 'appPackage', f), path.join(root, 'appPackage', f));
  }
  return {
    root,
    writeEnv: (name, content) => fs.writeFileSync(path.join(root, 'env', `.env.${name}`), content),
    writeManifest: (manifest) =>
      fs.writeFileSync(path.join(root, 'appPackage', 'manifest.json'), JSON.stringify(manifest, null, 2)),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** A complete, valid env file for the repository manifest. */
export const APP_ID = '11111111-2222-4333-8444-555555555555';
export const BOT_ID = '66666666-7777-4888-9999-aaaaaaaaaaaa';
export function validEnv(overrides: Record<string, string | undefined> = {}): string {
  const vars: Record<string, string | undefined> = {
    TEAMS_APP_ID: APP_ID,
    BOT_ID,
    BOT_DOMAIN: 'bot.example.com',
    APP_WEBSITE_URL: 'https://example.com/meeting-bot',
    APP_PRIVACY_URL: 'https://example.com/meeting-bot/privacy',
    APP_TERMS_URL: 'https://example.com/meeting-bot/terms',
    ...overrides,
  };
  return Object.entries(vars)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}
