// What the bot asks about a conversation's people: the port scheduling uses, which MemberDirectory answers from Teams.
import type { MeetingPeople } from '../meetings/people';

/** A member of the conversation as the Change form offers them. */
export interface ListedMember {
  id: string;
  name: string;
}

/** The conversation's members, as far as the Change form can offer them. */
export type MemberListing =
  /** Not a Teams channel or group chat (personal chat, the Emulator, any other channel): nobody to list. */
  | { kind: 'none' }
  /** Teams didn't answer, refused, or took too long: only the current attendees can be shown. */
  | { kind: 'unavailable' }
  /** People (bots left out), in Teams' order; `more`: Teams has more members than were read. */
  | { kind: 'listed'; members: ListedMember[]; more: boolean };

/** One conversation's people, as Teams knows them. */
export interface Roster {
  /** The people behind untrusted Teams user ids, looked up in this conversation (at most `room`). */
  lookUp(ids: readonly string[], room?: number): Promise<Pick<MeetingPeople, 'attendees' | 'unresolved'>>;
  /** The members the Change form can offer. */
  listMembers(): Promise<MemberListing>;
}
