import { normaliseLabel } from '../../../../shared/contacts/phone-kinds';

export { normaliseLabel };

/** One contact as read from a file, before numbers are checked and duplicates found. */
export interface ImportRecord {
  /** "row 7" in a CSV (the header is row 1), "card 3" in a vCard file */
  row: number;
  displayName: string;
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  phones: Array<{ label: string; raw: string; doNotCall?: boolean }>;
  emails: string[];
  tags: string[];
  notes: string;
  custom: Record<string, string>;
  favorite: boolean;
  doNotCall: { reason: string } | null;
  timeZone: string | null;
  /** the file itself says this is not a contact to import (a vCard group card, an empty card): skipped with this reason */
  skipReason?: string;
  /** what the reader left out or changed, naming the column and value (an address that is not an email, say) */
  warnings?: string[];
}

export const emptyRecord = (row: number): ImportRecord => ({
  row,
  displayName: '',
  firstName: '',
  lastName: '',
  company: '',
  title: '',
  phones: [],
  emails: [],
  tags: [],
  notes: '',
  custom: {},
  favorite: false,
  doNotCall: null,
  timeZone: null,
});

/** "work (do not call)" → label and the per-number flag, as our own exports write it. */
export function labelAndFlag(raw: string): { label: string; doNotCall: boolean } {
  const doNotCall = /do[ -]?not[ -]?call/i.test(raw);
  return { label: normaliseLabel(raw.replace(/\(?\s*do[ -]?not[ -]?call\s*\)?/i, '')), doNotCall };
}
