// Well-known ids the infrastructure files must agree on, in one place for every test that compares them: the delegated
// Microsoft Graph permissions the bot signs users in for (Entra manifest aad.manifest.json, the Azure Bot's OAuth
// connection in infra/azure.json, the README), the Storage roles the web app gets, the Teams clients pre-authorized.
//
// They are the same in every tenant. Graph permission ids: Microsoft Graph's oauth2PermissionScopes (value → id), as
// published copies of its service principal list them. Role ids: Microsoft's built-in roles reference
// (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles/storage.md).

/** Microsoft Graph's application id (the resourceAppId of its permissions). */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Name → permission id, in the order the README and the OAuth connection list them. */
export const GRAPH_DELEGATED_PERMISSIONS: ReadonlyArray<{ name: string; id: string }> = [
  { name: 'OnlineMeetings.ReadWrite', id: 'a65f2972-a4f8-4f5e-afd7-69ccb046d5dc' },
  { name: 'User.Read', id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d' },
  { name: 'openid', id: '37f7f235-527c-4136-accd-4a02d197296e' },
  { name: 'profile', id: '14dad69e-099b-42c9-810b-d002981feec1' },
  { name: 'offline_access', id: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182' },
];

/** The OAuth connection's `scopes` (and the README's): the names, space separated. */
export const GRAPH_SCOPES = GRAPH_DELEGATED_PERMISSIONS.map((p) => p.name).join(' ');

/** The calendar connection's own permission (Outlook invitations), on a second OAuth connection. */
export const CALENDAR_PERMISSION = { name: 'Calendars.ReadWrite', id: '1ec239c2-d7c9-4623-a91a-a9775856bb36' } as const;

/** The calendar connection's `scopes`: the calendar, and what identifies the user. */
export const CALENDAR_SCOPES = [CALENDAR_PERMISSION.name, ...GRAPH_DELEGATED_PERMISSIONS.filter((p) => p.name !== 'OnlineMeetings.ReadWrite').map((p) => p.name)].join(' ');

/** Every delegated permission the Entra app asks for: both connections' scopes. */
export const ENTRA_APP_PERMISSIONS = [...GRAPH_DELEGATED_PERMISSIONS, CALENDAR_PERMISSION];

/** Azure built-in roles the web app's identity gets on the storage account. */
export const STORAGE_ROLES = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
} as const;

/** Teams clients that may ask for an SSO token without a consent prompt: desktop/mobile, web. */
export const TEAMS_CLIENT_IDS = ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346'];
