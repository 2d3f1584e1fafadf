import { z } from 'zod';

/**
 * What people and spreadsheets write for "nothing": `-`, `--`, `—`, `n/a`, `none`, `null`,
 * Excel's `#N/A`. Read as empty in every column, so "-" never becomes an email or a number.
 */
const PLACEHOLDER = /^(?:[-–—]+|n\/a|#n\/a|none|null)$/i;

/** The cell, trimmed, or '' when it only says "nothing". */
export const cellValue = (raw: string | undefined): string => {
  const value = (raw ?? '').trim();
  return PLACEHOLDER.test(value) ? '' : value;
};

const asciiEmail = z.email();
const unicodeEmail = z.email({ pattern: z.regexes.unicodeEmail });

/**
 * A well-formed address: zod's email check, or for internationalised addresses
 * (`jörg@münchen.de`) its Unicode form with a dotted domain ending in letters.
 */
export function isEmail(value: string): boolean {
  if (value.length > 200) return false; // what a contact can hold
  if (asciiEmail.safeParse(value).success) return true;
  // eslint-disable-next-line no-control-regex -- non-ASCII is exactly what this looks for
  return /[^\x00-\x7f]/.test(value) && unicodeEmail.safeParse(value).success && /@[^.@\s]+(?:\.[^.@\s]+)*\.\p{L}{2,}$/u.test(value);
}

export interface EmailsInCell {
  emails: string[];
  /** what was not an address, as written */
  rejected: string[];
}

/**
 * The addresses in one cell: several may be separated by Google's ` ::: `, `;`, `,` or new
 * lines; `mailto:` and `Name <address>` are unwrapped. Anything else is rejected, not guessed.
 */
export function emailsInCell(cell: string): EmailsInCell {
  const emails: string[] = [];
  const rejected: string[] = [];
  for (const part of cell.split(/\s*(?::::|[;,\n])\s*/)) {
    const value = cellValue(part);
    if (!value) continue;
    const unwrapped = (/<([^<>]+)>$/.exec(value)?.[1] ?? value).replace(/^mailto:/i, '').trim();
    if (isEmail(unwrapped)) emails.push(unwrapped);
    else rejected.push(value);
  }
  return { emails, rejected };
}
