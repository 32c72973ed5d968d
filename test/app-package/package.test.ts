import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { buildAppPackage, PackageError, writeAppPackage } from '../../scripts/app-package/write-app-package';
import { APP_ID, BOT_ID, makeTempRoot, REPO_ROOT, TempRoot, validEnv } from './temp-root';

describe('app package: zip', () => {
  let tmp: TempRoot;
  beforeEach(() => (tmp = makeTempRoot()));
  afterEach(() => tmp.remove());

  it('writes appPackage/build/appPackage.<env>.zip with exactly manifest.json, zh-cn.json, color.png and outline.png at the root', async () => {
    tmp.writeEnv('t', validEnv());
    const pkg = await writeAppPackage(tmp.root, 't');
    assert.equal(pkg.file, path.join(tmp.root, 'appPackage', 'build', 'appPackage.t.zip'));
    assert.deepEqual(pkg.warnings, []);

    const zip = new AdmZip(fs.readFileSync(pkg.file));
    assert.deepEqual(zip.getEntries().map((e) => e.entryName).sort(), ['color.png', 'manifest.json', 'outline.png', 'zh-cn.json']);
    assert.deepEqual(JSON.parse(zip.readAsText('zh-cn.json')), pkg.languageFiles['zh-cn.json']);
    assert.deepEqual(JSON.parse(zip.readAsText('manifest.json')), pkg.manifest);
    assert.equal(pkg.manifest.id, APP_ID);
    assert.equal(pkg.manifest.bots?.[0].botId, BOT_ID);
    assert.equal(pkg.manifest.webApplicationInfo?.resource, `api://botid-${BOT_ID}`);
    assert.doesNotMatch(zip.readAsText('manifest.json'), /\$\{\{/);
    for (const icon of ['color.png', 'outline.png']) {
      assert.ok(zip.readFile(icon)!.equals(fs.readFileSync(path.join(tmp.root, 'appPackage', icon))), icon);
    }
  });

  it('refuses a package whose bot id differs from a MicrosoftAppId in the same env file', async () => {
    tmp.writeEnv('t', validEnv({ MicrosoftAppId: '99999999-9999-4999-8999-999999999999' }));
    await assert.rejects(buildAppPackage(tmp.root, 't'), (err: unknown) => {
      assert.ok(err instanceof PackageError);
      assert.deepEqual(err.details, [
        `the manifest's bot id (${BOT_ID}) differs from the id the bot runs as (99999999-9999-4999-8999-999999999999) in env/.env.t`,
      ]);
      return true;
    });
    tmp.writeEnv('same', validEnv({ MicrosoftAppId: BOT_ID }));
    await buildAppPackage(tmp.root, 'same');
  });

  it('reports schema errors, rule violations and bad icons together, and writes nothing', async () => {
    tmp.writeEnv('t', validEnv({ TEAMS_APP_ID: 'not-a-guid', APP_TERMS_URL: 'http://example.com/terms' }));
    fs.copyFileSync(path.join(tmp.root, 'appPackage', 'outline.png'), path.join(tmp.root, 'appPackage', 'color.png'));
    await assert.rejects(writeAppPackage(tmp.root, 't'), (err: unknown) => {
      assert.ok(err instanceof PackageError);
      assert.match(err.message, /is not a valid Teams app package/);
      assert.ok(err.details.some((d) => d.startsWith('schema v1.22: /id must match pattern')), err.details.join('\n'));
      assert.ok(err.details.includes('developer.termsOfUseUrl must be an https URL (is http://example.com/terms)'));
      assert.ok(err.details.includes('color icon must be 192×192 pixels (is 32×32)'));
      return true;
    });
    assert.equal(fs.existsSync(path.join(tmp.root, 'appPackage', 'build')), false);
  });

  it('warns while an id is still the all-zero placeholder', async () => {
    tmp.writeEnv('t', validEnv({ TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000' }));
    const pkg = await buildAppPackage(tmp.root, 't');
    assert.deepEqual(pkg.warnings, [
      'TEAMS_APP_ID is still the placeholder 00000000-0000-0000-0000-000000000000: set the real value in env/.env.t before uploading',
    ]);
  });

  describe('npm run package (the compiled CLI, run in a copy of the repository)', () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [path.join(tmp.root, 'dist', 'scripts', 'package-app.js'), ...args], {
        cwd: tmp.root,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });

    beforeEach(() => {
      fs.cpSync(path.join(REPO_ROOT, 'dist', 'scripts'), path.join(tmp.root, 'dist', 'scripts'), { recursive: true });
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(tmp.root, 'node_modules'), 'dir');
    });

    it('exits 0 and writes the zip', () => {
      tmp.writeEnv('ok', validEnv());
      const run = cli(['ok']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout.trim(), `appPackage/build/appPackage.ok.zip: Teams manifest v1.22 valid, app ${APP_ID}, bot ${BOT_ID}`);
      assert.ok(fs.existsSync(path.join(tmp.root, 'appPackage', 'build', 'appPackage.ok.zip')));
    });

    it('exits 1 with one line naming every missing variable, and writes nothing', () => {
      tmp.writeEnv('partial', validEnv({ BOT_ID: undefined, APP_PRIVACY_URL: undefined }));
      const run = cli(['partial']);
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        'error: env/.env.partial does not set APP_PRIVACY_URL, BOT_ID (used by appPackage/manifest.json)\n',
      );
      assert.equal(fs.existsSync(path.join(tmp.root, 'appPackage', 'build')), false);
    });

    it('exits 1 with usage when no environment is given, and with a clear error for an unknown one', () => {
      tmp.writeEnv('ok', validEnv());
      const none = cli([]);
      assert.equal(none.status, 1);
      assert.match(none.stderr, /^usage: npm run package -- <env> .*environments: ok\)/);
      const unknown = cli(['nope']);
      assert.equal(unknown.status, 1);
      assert.equal(unknown.stderr, 'error: env/.env.nope does not exist (environments: ok)\n');
    });
  });
});
