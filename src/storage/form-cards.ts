// Which activity holds which form: written when the bot posts a form, read when a press of that form arrives
// and no dialog remembers it (a restart, a newer request). The bot only updates activity ids it stored itself;
// the replyToId a client sends is never used for that.
import type { Storage } from 'botbuilder';

export interface FormCardEntry {
  activityId: string;
  ownerId: string;
  conversationId: string;
}

export class FormCards {
  constructor(private readonly storage: Storage) {}

  async remember(formId: string, entry: FormCardEntry): Promise<void> {
    await this.storage.write({ [key(formId)]: { ...entry, eTag: '*' } });
  }

  /** The form's activity, if the bot posted it for this owner in this conversation. */
  async find(formId: string, ownerId: string, conversationId: string): Promise<string | undefined> {
    // Form ids are ours (16 base64url characters), but this one came from a client.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(formId)) return undefined;
    const entry = (await this.storage.read([key(formId)]))[key(formId)] as FormCardEntry | undefined;
    return entry && entry.ownerId === ownerId && entry.conversationId === conversationId ? entry.activityId : undefined;
  }
}

function key(formId: string): string {
  return `forms/${formId}`;
}
