// The az stand-in (support/az-stand-in) fails the way az does, so a deploy script that calls az wrongly fails its
// tests too, and keeps what it created between calls.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startAzStandIn, type AzStandIn } from '../../support/az-stand-in/harness';

describe('az stand-in', () => {
  let az: AzStandIn;
  beforeEach(() => (az = startAzStandIn()));
  afterEach(() => az.remove());
  const run = (...args: string[]) => {
    const r = spawnSync('az', [...args, '--output', 'json'], { env: az.env(), encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr, json: r.stdout.trim() ? (JSON.parse(r.stdout) as Record<string, unknown>) : undefined };
  };

  it('an unknown command, an unknown option, a missing value or a missing required option: az\'s message on stderr, exit 2', () => {
    assert.deepEqual([run('ad', 'application', 'create').status, run('ad', 'application', 'create').stderr], [2, "ERROR: 'ad application create' is misspelled or not recognized by the system.\n"]);
    assert.deepEqual([run('ad', 'app', 'create', '--display-name', 'x', '--bogus', '1').status, run('ad', 'app', 'create', '--display-name', 'x', '--bogus', '1').stderr], [2, 'ERROR: unrecognized arguments: --bogus 1\n']);
    assert.match(run('ad', 'app', 'create', '--display-name').stderr, /^ERROR: argument --display-name: expected one argument/);
    assert.match(run('ad', 'app', 'create').stderr, /^ERROR: the following arguments are required: --display-name/);
    assert.match(run('account', 'show', '--query', 'id').stderr, /does not simulate/);
    assert.deepEqual(az.state().apps, [], 'nothing was created by a refused command');
  });

  it('not found is exit code 3; not signed in is az login on stderr, exit 1', () => {
    assert.equal(run('ad', 'app', 'show', '--id', '11111111-1111-4111-8111-111111111111').status, 3);
    assert.equal(run('group', 'show', '--name', 'nope').status, 3);
    az.setLoggedIn(false);
    const r = run('account', 'show');
    assert.deepEqual([r.status, r.stderr], [1, "ERROR: Please run 'az login' to setup account.\n"]);
  });

  it('keeps what it created between calls and records every call with the files it named', () => {
    const created = run('ad', 'app', 'create', '--display-name', 'meeting-bot-x', '--sign-in-audience', 'AzureADMyOrg').json!;
    assert.equal(run('ad', 'app', 'show', '--id', String(created.appId)).json!.id, created.id);
    const body = path.join(az.stateDir, 'body.json');
    fs.writeFileSync(body, JSON.stringify({ identifierUris: [`api://botid-${created.appId}`] }), { mode: 0o600 });
    assert.equal(run('rest', '--method', 'PATCH', '--url', `https://graph.microsoft.com/v1.0/applications/${created.id}`, '--body', `@${body}`).status, 0);
    assert.deepEqual(az.state().apps[0].identifierUris, [`api://botid-${created.appId}`]);
    const calls = az.calls();
    assert.equal(calls.length, 3);
    assert.deepEqual(calls[2].files.map((f) => [f.option, f.mode, f.content]), [['--body', 0o600, fs.readFileSync(body, 'utf8')]]);
  });

  it("enforces Graph's rule: a scope can't be added and pre-authorized in one PATCH", () => {
    const app = run('ad', 'app', 'create', '--display-name', 'x').json!;
    const body = path.join(az.stateDir, 'body.json');
    const scope = { id: '22222222-2222-4222-8222-222222222222', value: 'access_as_user', isEnabled: true, type: 'User' };
    fs.writeFileSync(body, JSON.stringify({ api: { oauth2PermissionScopes: [scope], preAuthorizedApplications: [{ appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', delegatedPermissionIds: [scope.id] }] } }));
    const r = run('rest', '--method', 'PATCH', '--url', `https://graph.microsoft.com/v1.0/applications/${app.id}`, '--body', `@${body}`);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /PreAuthorizedApplication references permission ids/);
  });
});
