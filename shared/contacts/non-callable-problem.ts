import { nonCallableKind, type NonCallableLabel } from './phone-kinds';

/** A number some contact keeps as a fax, pager, telex, TTY or modem line, and whose it is. */
export interface NumberKind {
  label: string;
  contactName: string;
}

const LINE: Record<NonCallableLabel, { number: string; thing: string }> = {
  fax: { number: 'fax number', thing: 'a fax' },
  pager: { number: 'pager number', thing: 'a pager' },
  telex: { number: 'telex number', thing: 'a telex line' },
  tty: { number: 'TTY/TDD number', thing: 'a text telephone' },
  modem: { number: 'modem line', thing: 'a modem' },
};

/**
 * "This is Jane Doe's fax number: an AI voice agent cannot talk to a fax. Call a voice number instead."
 * Null when the label is a voice label.
 */
export function nonCallableProblem(kind: NumberKind): string | null {
  const which = nonCallableKind(kind.label);
  if (!which) return null;
  const { number, thing } = LINE[which];
  const whose = kind.contactName.trim() ? `${kind.contactName.trim()}'s` : 'a';
  return `This is ${whose} ${number}: an AI voice agent cannot talk to ${thing}. Call a voice number instead.`;
}
