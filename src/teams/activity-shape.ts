// A cheap structural check before botbuilder sees the body: botbuilder validates some fields outside
// its own error handling, so a malformed activity would otherwise become a 500 instead of a 400.

const OBJECT_FIELDS = ['conversation', 'from', 'recipient', 'channelData', 'value'] as const;

export function activityShapeProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON activity object';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) return 'activity.type must be a non-empty string';
  for (const key of ['id', 'channelId', 'serviceUrl', 'text', 'replyToId', 'name', 'locale', 'localTimezone'] as const) {
    if (activity[key] !== undefined && activity[key] !== null && typeof activity[key] !== 'string') return `activity.${key} must be a string`;
  }
  for (const key of OBJECT_FIELDS) {
    const v = activity[key];
    if (key === 'value') continue; // any JSON value is legal there
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) return `activity.${key} must be an object`;
  }
  for (const key of ['conversation', 'from', 'recipient'] as const) {
    const v = activity[key] as Record<string, unknown> | undefined;
    if (v && v.id !== undefined && typeof v.id !== 'string') return `activity.${key}.id must be a string`;
  }
  for (const key of ['entities', 'attachments', 'membersAdded', 'membersRemoved'] as const) {
    const v = activity[key];
    if (v !== undefined && v !== null && !Array.isArray(v)) return `activity.${key} must be an array`;
  }
  if (typeof activity.serviceUrl === 'string' && activity.serviceUrl && !/^https?:\/\//i.test(activity.serviceUrl)) {
    return 'activity.serviceUrl must be an http(s) URL';
  }
  return undefined;
}
