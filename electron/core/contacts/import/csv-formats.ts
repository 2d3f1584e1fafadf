// Over 300 lines on purpose: mostly data — Outlook's 92-column and Google's two CSV layouts, column by column.
import { normaliseLabel } from '../../../../shared/contacts/phone-kinds';
import type { ColumnMapping, ColumnRule, MappingTarget } from '../../../../shared/contacts/import/column-mapping';
import { customKeyFor, customKeyProblem } from '../../../../shared/contacts/import/custom-key';

export type CsvFormat = 'google' | 'outlook' | 'feather' | 'generic';

/** "E-mail 2 Address" → "e mail 2 address", "Assistant's Phone" → "assistant s phone". */
export const normHeader = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const IGNORE: ColumnRule = { target: 'ignore' };
const to = (target: MappingTarget): ColumnRule => ({ target });
const phone = (label: string): ColumnRule => ({ target: 'phone', label });
const table = (entries: Array<[string, ColumnRule]>) => new Map(entries.map(([header, rule]) => [normHeader(header), rule]));
const ignored = (headers: string[]): Array<[string, ColumnRule]> => headers.map((h) => [h, IGNORE]);

/**
 * Every column of English Outlook's "Export to CSV" (2010–365), and the few Outlook.com adds,
 * matched by exact name. "Title" is Mr/Ms and "Suffix" Jr/PhD, not the job title; "E-mail Type"
 * (SMTP/EX) and "E-mail Display Name" are not addresses; the ID numbers are not phone numbers.
 */
const OUTLOOK = table([
  ['First Name', to('firstName')],
  ['Middle Name', to('middleName')],
  ['Last Name', to('lastName')],
  ['Company', to('company')],
  ['Job Title', to('title')],
  ["Assistant's Phone", phone('assistant')],
  ['Business Fax', phone('fax')],
  ['Business Phone', phone('work')],
  ['Business Phone 2', phone('work')],
  ['Callback', phone('callback')],
  ['Car Phone', phone('car')],
  ['Company Main Phone', phone('company')],
  ['Home Fax', phone('fax')],
  ['Home Phone', phone('home')],
  ['Home Phone 2', phone('home')],
  ['ISDN', phone('isdn')],
  ['Mobile Phone', phone('mobile')],
  ['Other Fax', phone('fax')],
  ['Other Phone', phone('other')],
  ['Pager', phone('pager')],
  ['Primary Phone', phone('main')],
  ['Radio Phone', phone('radio')],
  ['TTY/TDD Phone', phone('tty')],
  ['Telex', phone('telex')],
  ['E-mail Address', to('email')],
  ['E-mail 2 Address', to('email')],
  ['E-mail 3 Address', to('email')],
  ['Categories', to('tags')],
  ['Notes', to('notes')],
  ...ignored([
    'Title',
    'Suffix',
    'Department',
    'Business Street',
    'Business Street 2',
    'Business Street 3',
    'Business City',
    'Business State',
    'Business Postal Code',
    'Business Country/Region',
    'Business Country',
    'Home Street',
    'Home Street 2',
    'Home Street 3',
    'Home City',
    'Home State',
    'Home Postal Code',
    'Home Country/Region',
    'Home Country',
    'Other Street',
    'Other Street 2',
    'Other Street 3',
    'Other City',
    'Other State',
    'Other Postal Code',
    'Other Country/Region',
    'Other Country',
    'Account',
    'Anniversary',
    "Assistant's Name",
    'Billing Information',
    'Birthday',
    'Business Address PO Box',
    'Children',
    'Directory Server',
    'E-mail Type',
    'E-mail Display Name',
    'E-mail 2 Type',
    'E-mail 2 Display Name',
    'E-mail 3 Type',
    'E-mail 3 Display Name',
    'Gender',
    'Government ID Number',
    'Hobby',
    'Home Address PO Box',
    'Initials',
    'Internet Free Busy',
    'Keywords',
    'Language',
    'Location',
    "Manager's Name",
    'Mileage',
    'Office Location',
    'Organizational ID Number',
    'Other Address PO Box',
    'Priority',
    'Private',
    'Profession',
    'Referred By',
    'Sensitivity',
    'Spouse',
    'User 1',
    'User 2',
    'User 3',
    'User 4',
    'Web Page',
    // Outlook.com's export
    'Nickname',
    'Given Yomi',
    'Surname Yomi',
    'Company Yomi',
    'IMAddress',
    'Personal Web Page',
    'Schools',
  ]),
]);

/** Columns that only an Outlook export has: one of them is needed to call a file Outlook's. */
const OUTLOOK_SIGNS = new Set([
  'business phone',
  'mobile phone',
  'home phone',
  'business fax',
  'e mail address',
  'e mail type',
  'primary phone',
  'company main phone',
]);

/**
 * Google Contacts' fixed columns, the old layout ("Name, Given Name, … Group Membership") and
 * the 2023 one ("First Name, … Labels"). Numbered groups ("Phone 1 - Label") are matched below.
 */
const GOOGLE = table([
  ['Name', to('displayName')],
  ['Given Name', to('firstName')],
  ['Additional Name', to('middleName')],
  ['Family Name', to('lastName')],
  ['First Name', to('firstName')],
  ['Middle Name', to('middleName')],
  ['Last Name', to('lastName')],
  ['Organization Name', to('company')],
  ['Organization Title', to('title')],
  ['Organization 1 - Name', to('company')],
  ['Organization 1 - Title', to('title')],
  ['Notes', to('notes')],
  ['Group Membership', to('tags')],
  ['Labels', to('tags')],
  ...ignored([
    'Yomi Name',
    'Given Name Yomi',
    'Additional Name Yomi',
    'Family Name Yomi',
    'Name Prefix',
    'Name Suffix',
    'Initials',
    'Nickname',
    'Short Name',
    'Maiden Name',
    'Birthday',
    'Gender',
    'Location',
    'Billing Information',
    'Directory Server',
    'Mileage',
    'Occupation',
    'Hobby',
    'Sensitivity',
    'Priority',
    'Subject',
    'Language',
    'Photo',
    'Phonetic First Name',
    'Phonetic Middle Name',
    'Phonetic Last Name',
    'File As',
    'Organization Department',
  ]),
]);

/** Our own export: Google's columns plus these, and "Custom: key". */
const FEATHER = table([
  ['Favorite', to('favorite')],
  ['Do Not Call', to('doNotCall')],
  ['Time Zone', to('timeZone')],
]);

/** Names any CSV may use; tried for unknown columns of every format, by exact name only. */
const COMMON = table([
  ['name', to('displayName')],
  ['full name', to('displayName')],
  ['display name', to('displayName')],
  ['first name', to('firstName')],
  ['given name', to('firstName')],
  ['firstname', to('firstName')],
  ['middle name', to('middleName')],
  ['additional name', to('middleName')],
  ['last name', to('lastName')],
  ['family name', to('lastName')],
  ['surname', to('lastName')],
  ['lastname', to('lastName')],
  ['company', to('company')],
  ['organization', to('company')],
  ['organisation', to('company')],
  ['organization name', to('company')],
  ['job title', to('title')],
  ['title', to('title')],
  ['organization title', to('title')],
  ['phone', phone('other')],
  ['phone number', phone('other')],
  ['telephone', phone('other')],
  ['mobile', phone('mobile')],
  ['cell', phone('mobile')],
  ['fax', phone('fax')],
  ['email', to('email')],
  ['e mail', to('email')],
  ['email address', to('email')],
  ['labels', to('tags')],
  ['group membership', to('tags')],
  ['categories', to('tags')],
  ['tags', to('tags')],
  ['notes', to('notes')],
  ['note', to('notes')],
  ['favorite', to('favorite')],
  ['favourite', to('favorite')],
  ['do not call', to('doNotCall')],
  ['time zone', to('timeZone')],
]);

/** Counts of ID, account or order numbers are not phone numbers, whatever "number" suggests. */
const NOT_A_PHONE =
  /\b(?:id|ids|identification|ssn|social security|tax|vat|account|acct|customer|client|order|invoice|employee|member|membership|licen[cs]e|passport|serial|policy|reference|ref|house|street|unit|apt|room|card|zip|postal|po box)\b/;
const NOT_AN_EMAIL = /\b(?:type|display|label|kind|name)\b/;

/**
 * Google's numbered groups: "Phone 2 - Value" takes its label from "Phone 2 - Label" (or the
 * old "Phone 2 - Type"), "Custom Field 1 - Value" its key from "Custom Field 1 - Label".
 * Every other numbered column (addresses, websites, events, relations, IM) is known and left out.
 */
function numberedRule(h: string, index: Map<string, number>): ColumnRule | null {
  const group = /^(phone|e mail|custom field|organization|[a-z ]+?) (\d+) ([a-z ]+)$/.exec(h);
  if (!group) return null;
  const [, kind, n, part] = group as unknown as [string, string, string, string];
  const labelColumn = index.get(`${kind} ${n} label`) ?? index.get(`${kind} ${n} type`);
  if (part === 'value' && kind === 'phone')
    return { target: 'phone', ...(labelColumn !== undefined ? { labelColumn } : { label: 'other' }) };
  if (part === 'value' && kind === 'e mail') return { target: 'email' };
  if (part === 'value' && kind === 'custom field')
    return { target: 'custom', label: `customField${n}`, ...(labelColumn !== undefined ? { labelColumn } : {}) }; // the label names the field; this when it is empty
  if (kind === 'organization' && n === '1' && (part === 'name' || part === 'title')) return to(part === 'name' ? 'company' : 'title');
  return IGNORE;
}

/** "Plan", "Account Manager", "customer_id": a name a person gave a column, not a structured one. */
const isSimpleName = (header: string) =>
  header.trim().length <= 40 && /^\p{L}[\p{L}\p{N}]*(?:[ _-][\p{L}\p{N}]+){0,3}$/u.test(header.trim());

/**
 * Google, Outlook or our own export, by the share of columns each knows; anything else is
 * generic and gets the mapping step. Needs one column only that export writes, so a
 * hand-made "First Name, Last Name, Notes" file is not taken for either.
 */
export function detectFormat(headers: string[]): CsvFormat {
  const names = headers.map(normHeader).filter(Boolean);
  const set = new Set(names);
  if (set.has('do not call') && [...set].some((h) => /^phone \d+ value$/.test(h))) return 'feather';
  const index = new Map(names.map((h, i) => [h, i]));
  const googleKnown = names.filter((h) => GOOGLE.has(h) || (/ \d+ /.test(h) && numberedRule(h, index))).length;
  const outlookKnown = names.filter((h) => OUTLOOK.has(h)).length;
  const mostly = (known: number) => known >= 2 && known * 2 >= names.length;
  if (names.some((h) => /^(?:phone|e mail) \d+ value$/.test(h)) && mostly(googleKnown)) return 'google';
  if (names.some((h) => OUTLOOK_SIGNS.has(h)) && mostly(outlookKnown)) return 'outlook';
  return 'generic';
}

/**
 * A first mapping per column. Known formats are matched by exact column name; a column they
 * do not know that has a plain name ("Plan") becomes a custom field. Generic files are also
 * guessed loosely, for the user to check in the mapping step.
 */
export function guessMapping(headers: string[], format: CsvFormat): ColumnMapping {
  const names = headers.map(normHeader);
  const index = new Map<string, number>();
  names.forEach((h, i) => index.has(h) || index.set(h, i));
  return headers.map((header, column) => {
    const h = names[column]!;
    if (format === 'generic') return genericRule(h, index);
    if (format === 'feather') {
      const custom = /^custom:\s*(.+)$/i.exec(header.trim());
      if (custom)
        return { target: 'custom', label: customKeyProblem(custom[1]!) ? customKeyFor(custom[1]!, `field${column + 1}`) : custom[1]! };
      const own = FEATHER.get(h);
      if (own) return own;
    }
    const known =
      (format === 'outlook' ? OUTLOOK.get(h) : GOOGLE.get(h)) ?? (format !== 'outlook' && / \d+ /.test(h) ? numberedRule(h, index) : null);
    if (known) return known;
    const common = COMMON.get(h);
    if (common) return common;
    if (isSimpleName(header)) return { target: 'custom', label: customKeyFor(header, `field${column + 1}`) };
    return IGNORE;
  });
}

function genericRule(h: string, index: Map<string, number>): ColumnRule {
  const numbered = / \d+ /.test(h) ? numberedRule(h, index) : null;
  // "Phone 1 - Label" is the label of "Phone 1 - Value", never a number of its own
  if (numbered && (numbered.target !== 'ignore' || /^(?:phone|e mail|custom field) \d+ (?:label|type)$/.test(h))) return numbered;
  const common = COMMON.get(h);
  if (common) return common;
  if (/phone|mobile|\bcell|\btel\b|telephone|fax|pager|telex|number/.test(h) && !NOT_A_PHONE.test(h))
    return phone(normaliseLabel(h).slice(0, 40));
  if (/mail/.test(h) && !NOT_AN_EMAIL.test(h)) return to('email');
  return IGNORE;
}
