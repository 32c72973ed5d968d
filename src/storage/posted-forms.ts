// Which activity holds which form: written when the bot posts a form, read when a press of that form arrives
// and no dialog remembers it (a restart, a newer request). The bot only updates activity ids it stored itself;
// the replyToId a client sends is never used for that.
import type { Storage } from 'botbuilder';

export interface PostedForm {
  activityId: string;
  ownerId: string;
  conversationId: string;
  /** The meeting this form created: a form creates at most one, and a replayed Create shows it instead. */
  recordId?: string;
}

export class PostedForms {
  constructor(private readonly storage: Storage) {}

  async remember(formId: string, entry: PostedForm): Promise<void> {
    await this.storage.write({ [key(formId)]: { ...entry, eTag: '*' } });
  }

  /** The form's activity, if the bot posted it for this owner in this conversation. */
  async find(formId: string, ownerId: string, conversationId: string): Promise<string | undefined> {
    const entry = await this.read(formId);
    return entry && entry.ownerId === ownerId && entry.conversationId === conversationId ? entry.activityId : undefined;
  }

  /** The meeting the form created, if it created one. */
  async meetingOf(formId: string): Promise<string | undefined> {
    return (await this.read(formId))?.recordId;
  }

  /** Records that the form created the meeting `recordId`. */
  async linkMeeting(formId: string, recordId: string): Promise<void> {
    const entry = await this.read(formId);
    if (entry) await this.storage.write({ [key(formId)]: { ...entry, recordId, eTag: '*' } });
  }

  private async read(formId: string): Promise<PostedForm | undefined> {
    // Form ids are ours (16 base64url characters), but this one came from a client.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(formId)) return undefined;
    const item = (await this.storage.read([key(formId)]))[key(formId)] as (PostedForm & { eTag?: string }) | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...entry } = item;
    return entry;
  }
}

/** Where form links are kept: this prefix and the form id (record-retention.ts files what is written under it). */
export const FORM_KEY_PREFIX = 'forms/';

function key(formId: string): string {
  return `${FORM_KEY_PREFIX}${formId}`;
}
