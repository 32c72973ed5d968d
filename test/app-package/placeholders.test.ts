import assert from 'node:assert/strict';
import { EnvFileError, readEnvFile } from '../../scripts/app-package/env-file';
import { fillManifest, PackageError, readManifestTemplate } from '../../scripts/app-package/write-app-package';
import {
  fillPlaceholders,
  MalformedPlaceholderError,
  MissingVariablesError,
  placeholderNames,
} from '../../scripts/app-package/placeholders';
import { APP_ID, BOT_ID, makeTempRoot, REPO_ROOT, TempRoot, validEnv } from './temp-root';

describe('app package: ${{VAR}} placeholders', () => {
  it('fills every placeholder in nested strings, including several in one string and spaced ones', () => {
    const filled = fillPlaceholders(
      { id: '${{A}}', list: ['x', '${{ B }}'], nested: { url: 'api://botid-${{A}}/${{B}}' }, n: 3, t: true },
      { A: 'one', B: 'two' },
    );
    assert.deepEqual(filled, { id: 'one', list: ['x', 'two'], nested: { url: 'api://botid-one/two' }, n: 3, t: true });
  });

  it('names every missing variable at once, and counts an empty value as missing', () => {
    assert.throws(
      () => fillPlaceholders({ a: '${{SET}}', b: '${{UNSET}}', c: ['${{EMPTY}}', '${{UNSET}}'] }, { SET: 'x', EMPTY: '  ' }),
      (err: unknown) => {
        assert.ok(err instanceof MissingVariablesError);
        assert.deepEqual(err.variables, ['UNSET', 'EMPTY']);
        assert.equal(err.message, 'missing variables: UNSET, EMPTY');
        return true;
      },
    );
  });

  it('substitutes into parsed JSON, so a value with quotes cannot break the manifest', () => {
    const filled = fillPlaceholders({ name: '${{N}}' }, { N: 'a "quoted", \\ value' });
    assert.equal(JSON.parse(JSON.stringify(filled)).name, 'a "quoted", \\ value');
  });

  it('rejects a malformed placeholder instead of shipping it', () => {
    assert.throws(() => fillPlaceholders({ id: '${{BOT-ID}}' }, { 'BOT-ID': 'x' }), MalformedPlaceholderError);
  });

  it('lists the variables the repository manifest uses', () => {
    assert.deepEqual(new Set(placeholderNames(readManifestTemplate(REPO_ROOT))), new Set([
      'TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN', 'APP_WEBSITE_URL', 'APP_PRIVACY_URL', 'APP_TERMS_URL',
    ]));
  });

  describe('from an env file', () => {
    let tmp: TempRoot;
    beforeEach(() => (tmp = makeTempRoot()));
    afterEach(() => tmp.remove());

    it('fills the manifest from env/.env.<name> (dotenv syntax: comments, quotes) without touching process.env', () => {
      tmp.writeEnv('t1', `# comment\n${validEnv({ BOT_DOMAIN: '"bot.example.com" # trailing comment' })}`);
      const before = { ...process.env };
      const { manifest } = fillManifest(tmp.root, 't1');
      assert.deepEqual({ ...process.env }, before);
      assert.equal(manifest.id, APP_ID);
      assert.equal(manifest.bots?.[0].botId, BOT_ID);
      assert.deepEqual(manifest.validDomains, ['token.botframework.com', 'bot.example.com']);
      assert.equal(manifest.webApplicationInfo?.resource, `api://botid-${BOT_ID}`);
      assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
    });

    it('fails naming every variable the env file does not set', () => {
      tmp.writeEnv('t2', validEnv({ TEAMS_APP_ID: undefined, BOT_DOMAIN: '' }));
      assert.throws(() => fillManifest(tmp.root, 't2'), (err: unknown) => {
        assert.ok(err instanceof PackageError);
        assert.equal(err.message, 'env/.env.t2 does not set TEAMS_APP_ID, BOT_DOMAIN (used by appPackage/manifest.json)');
        return true;
      });
    });

    it('refuses environment names that are paths, and names the environments that exist', () => {
      tmp.writeEnv('only', validEnv());
      assert.throws(() => readEnvFile(tmp.root, '../env/.env.only'), EnvFileError);
      assert.throws(() => readEnvFile(tmp.root, 'missing'), /env\/\.env\.missing does not exist \(environments: only\)/);
    });
  });
});
