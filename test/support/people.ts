// People to @mention in tests: Teams users with their Entra identity, the member records the connector stand-in
// answers GET /v3/conversations/{id}/members/{userId} with, and messages that mention them.
import type { InboundActivity, TeamsUser } from '../../support/activities';

export interface Person extends TeamsUser {
  upn: string;
}

export const SAM: Person = { id: '29:1Sam7Ym2Nq9Rb0sam3Tw6Ux1Vz4Ae7Bf0Cg3Dh6Ei9Fj2Gk5Hl8Im1', name: 'Sam Jones', aadObjectId: '0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e', upn: 'sam@contoso.com' };
export const PRIYA: Person = { id: '29:1Pri4Zq8Lm2Nx5priya7Vb3Kc6Jd9Hf1Gs4Ta7Ye0Wu3Ri6Oe9Pl2', name: 'Priya Patel', aadObjectId: '5e4d3c2b-1a09-4f8e-a7d6-c5b4a3928170', upn: 'priya@contoso.com' };
/** Not a member of the conversation: the lookup answers 404. */
export const MAX: Person = { id: '29:1Max0Qw9Er8Ty7max6Ui5Op4As3Df2Gh1Jk0Lz9Xc8Vb7Nm6Qa5Ws4', name: 'Max Mustermann', aadObjectId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', upn: 'max@fabrikam.com' };

/** What Teams answers for one member (getMember): `objectId`, not `aadObjectId`. */
export function memberRecord(p: Person): Record<string, unknown> {
  return { id: p.id, name: p.name, objectId: p.aadObjectId, userPrincipalName: p.upn, email: p.upn, givenName: p.name.split(' ')[0], userRole: 'user', tenantId: '8c3f0d4e-1b2a-4c5d-9e6f-7a8b9c0d1e2f' };
}

/** Turns every "@Name" of `people` in the message text into a Teams mention (text + entity), as Teams sends it. */
export function mentioning(activity: InboundActivity, people: { id: string; name: string; type?: string }[]): InboundActivity {
  for (const p of people) {
    activity.text = String(activity.text).replace(`@${p.name}`, `<at>${p.name}</at>`);
    const mentioned: Record<string, string> = { id: p.id, name: p.name };
    if (p.type) mentioned.type = p.type;
    (activity.entities as InboundActivity[]).push({ type: 'mention', text: `<at>${p.name}</at>`, mentioned });
  }
  return activity;
}
