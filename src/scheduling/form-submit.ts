// Reads an Action.Submit from our form card. Input values are strings (or absent) whatever the client.
import type { Activity } from 'botbuilder';
import { CANCEL_ACTION, CREATE_ACTION } from '../cards/form-card';
import type { MeetingDraft } from '../meetings/types';

export interface FormSubmit {
  action: 'create' | 'cancel';
  formId: string;
  ownerId: string;
  timeZone?: string;
  draft: MeetingDraft;
}

export function readFormSubmit(activity: Partial<Activity>): FormSubmit | undefined {
  if (activity.type !== 'message') return undefined;
  const value = activity.value as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const action = value.action === CREATE_ACTION ? 'create' : value.action === CANCEL_ACTION ? 'cancel' : undefined;
  if (!action || typeof value.formId !== 'string' || typeof value.ownerId !== 'string') return undefined;
  const text = (key: string): string | undefined => (typeof value[key] === 'string' ? (value[key] as string) : undefined);
  const durationText = text('duration') ?? (typeof value.duration === 'number' ? String(value.duration) : undefined);
  const duration = durationText !== undefined && /^\s*\d+\s*$/.test(durationText) ? Number(durationText) : undefined;
  return {
    action,
    formId: value.formId,
    ownerId: value.ownerId,
    timeZone: text('timeZone'),
    draft: {
      subject: text('subject'),
      date: text('date')?.trim() || undefined,
      time: text('time')?.trim() || undefined,
      // An unreadable duration becomes NaN so validation names it instead of silently defaulting.
      durationMinutes: durationText === undefined || durationText.trim() === '' ? undefined : duration ?? Number.NaN,
    },
  };
}

