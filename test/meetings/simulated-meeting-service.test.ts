import assert from 'node:assert/strict';
import { MeetingServiceError } from '../../src/meetings/meeting-service-error';
import { SimulatedMeetingService } from '../../src/meetings/simulated-meeting-service';
import type { CreateMeetingInput } from '../../src/meetings/types';

const input: CreateMeetingInput = {
  externalId: 'ext-1',
  subject: 'Design review',
  startIso: '2026-11-28T15:00:00.000-05:00',
  endIso: '2026-11-28T15:45:00.000-05:00',
};

describe('SimulatedMeetingService', () => {
  it('normalises start and end to UTC, as Graph does', async () => {
    const meeting = await new SimulatedMeetingService().createOrGet(input, 'token');
    assert.equal(meeting.startIso, '2026-11-28T20:00:00.000Z');
    assert.equal(meeting.endIso, '2026-11-28T20:45:00.000Z');
    assert.equal(meeting.created, true);
    assert.equal(meeting.simulated, true);
  });

  it('reads fractional offsets, Z and Graph-style 7-digit fractions', async () => {
    const service = new SimulatedMeetingService();
    const kathmandu = await service.createOrGet(
      { ...input, externalId: 'ktm', startIso: '2026-11-28T15:00:00.000+05:45', endIso: '2026-11-28T15:45:00.000+05:45' },
      'token',
    );
    assert.equal(kathmandu.startIso, '2026-11-28T09:15:00.000Z');
    assert.equal(kathmandu.endIso, '2026-11-28T10:00:00.000Z');
    const utc = await service.createOrGet(
      { ...input, externalId: 'utc', startIso: '2026-11-28T20:00:00.0000000Z', endIso: '2026-11-28T20:45:00Z' },
      'token',
    );
    assert.equal(utc.startIso, '2026-11-28T20:00:00.000Z');
    assert.equal(utc.endIso, '2026-11-28T20:45:00.000Z');
  });

  it('returns the same meeting for the same user and externalId', async () => {
    const service = new SimulatedMeetingService();
    const first = await service.createOrGet(input, 'token');
    const again = await service.createOrGet(input, 'token');
    assert.deepEqual(again, { ...first, created: false });
  });

  it('rejects an end not after the start, and times that are not ISO instants', async () => {
    const service = new SimulatedMeetingService();
    const bad: Partial<CreateMeetingInput>[] = [
      { endIso: input.startIso },
      { endIso: '2026-11-28T14:45:00.000-05:00' },
      { startIso: '2026-02-30T15:00:00.000-05:00' }, // no Feb 30 (a JS Date would roll over to Mar 2)
      { startIso: 'Nov 28 2026 3pm' },
      { endIso: '' },
    ];
    for (const [i, change] of bad.entries()) {
      await assert.rejects(
        service.createOrGet({ ...input, ...change, externalId: `bad-${i}` }, 'token'),
        (err: unknown) => err instanceof MeetingServiceError && err.kind === 'failed' && err.details.status === 400,
        JSON.stringify(change),
      );
    }
  });

  it('needs a token', async () => {
    await assert.rejects(new SimulatedMeetingService().createOrGet(input, ''), MeetingServiceError);
  });
  it('returns the same meeting for a repeated request, and forgets the oldest beyond its limit', async () => {
    const service = new SimulatedMeetingService(() => undefined, 2);
    const first = await service.createOrGet({ ...input, externalId: 'a' }, 'token');
    assert.deepEqual(await service.createOrGet({ ...input, externalId: 'a' }, 'token'), { ...first, created: false });
    await service.createOrGet({ ...input, externalId: 'b' }, 'token');
    await service.createOrGet({ ...input, externalId: 'c' }, 'token');
    assert.equal((await service.createOrGet({ ...input, externalId: 'c' }, 'token')).created, false, 'recent ones are kept');
    const again = await service.createOrGet({ ...input, externalId: 'a' }, 'token');
    assert.equal(again.created, true, 'the oldest was forgotten');
    assert.equal(again.joinWebUrl, first.joinWebUrl, 'and comes back with the same id and link');
  });
  it('a forgotten meeting is gone by id too (404 on change and cancel); a changed one is still found', async () => {
    const service = new SimulatedMeetingService(() => undefined, 2);
    const kind = async (p: Promise<unknown>) => ((await p.then(() => 'ok', (e) => (e as MeetingServiceError).kind)) as string);
    const change = { subject: 'Moved', startIso: '2026-11-28T16:00:00-05:00', endIso: '2026-11-28T17:00:00-05:00' };
    const a = await service.createOrGet({ ...input, externalId: 'a' }, 'token');
    const b = await service.createOrGet({ ...input, externalId: 'b' }, 'token');
    await service.update(a.id, change, 'token');
    await service.createOrGet({ ...input, externalId: 'c' }, 'token');
    assert.equal(await kind(service.update(b.id, change, 'token')), 'notFound', 'b, untouched the longest, was forgotten');
    assert.equal(await kind(service.cancel(b.id, 'token')), 'notFound');
    assert.equal(await kind(service.update(a.id, change, 'token')), 'ok', 'a was changed, so it stays with its id');
  });

  it('gives every meeting a nine-digit conference id that varies between meetings', async () => {
    const service = new SimulatedMeetingService();
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const id = (await service.createOrGet({ ...input, externalId: `m${i}` }, 'token')).dialIn?.conferenceId ?? '';
      assert.match(id, /^\d{9}$/);
      ids.add(id);
    }
    assert.ok(ids.size >= 49, `only ${ids.size} distinct ids`);
    assert.ok(!ids.has('000000000'));
  });

  it('changes and cancels the organizer\'s meeting by id; anyone else\'s token, or a cancelled meeting, is 404 like Graph', async () => {
    const service = new SimulatedMeetingService();
    const meeting = await service.createOrGet(input, 'organizer-token');
    const change = { subject: 'Moved', startIso: '2026-11-28T16:00:00-05:00', endIso: '2026-11-28T17:00:00-05:00' };
    const kind = async (p: Promise<unknown>) => ((await p.then(() => 'ok', (e) => (e as MeetingServiceError).kind)) as string);
    assert.equal(await kind(service.update(meeting.id, change, 'someone-else')), 'notFound');
    const updated = await service.update(meeting.id, change, 'organizer-token');
    assert.deepEqual([updated.subject, updated.startIso, updated.endIso, updated.joinWebUrl], ['Moved', '2026-11-28T21:00:00.000Z', '2026-11-28T22:00:00.000Z', meeting.joinWebUrl]);
    assert.equal(await kind(service.update(meeting.id, { ...change, endIso: change.startIso }, 'organizer-token')), 'failed', 'end before start is a 400');
    assert.equal(await kind(service.cancel(meeting.id, 'someone-else')), 'notFound');
    await service.cancel(meeting.id, 'organizer-token');
    assert.equal(await kind(service.cancel(meeting.id, 'organizer-token')), 'notFound', 'a second DELETE finds nothing');
    assert.equal(await kind(service.update(meeting.id, change, 'organizer-token')), 'notFound');
  });
});
