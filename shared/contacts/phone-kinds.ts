/**
 * What a number is for. Voice numbers can be called by an AI agent; fax, pager, telex, TTY/TDD
 * and modem lines cannot hold a conversation, so they are kept (with their type) but never
 * offered as callable, and main refuses them on every path.
 */
export const VOICE_LABELS = [
  'mobile',
  'work',
  'home',
  'main',
  'other',
  'callback',
  'isdn',
  'radio',
  'car',
  'assistant',
  'company',
  'video',
] as const;
export const NON_CALLABLE_LABELS = ['fax', 'pager', 'telex', 'tty', 'modem'] as const;
export type NonCallableLabel = (typeof NON_CALLABLE_LABELS)[number];

/** The labels a person can pick in the contact editor (voice first, then the non-callable ones). */
export const EDITOR_LABELS = ['mobile', 'work', 'home', 'main', 'other', 'fax', 'pager', 'telex', 'tty'] as const;

const WHY: Record<NonCallableLabel, string> = {
  fax: 'a fax number',
  pager: 'a pager',
  telex: 'a telex line',
  tty: 'a TTY/TDD text telephone',
  modem: 'a modem or data line',
};

/** The non-callable kind of a label, or null for a voice number. */
export function nonCallableKind(label: string): NonCallableLabel | null {
  const text = label.toLowerCase();
  if (/fax/.test(text)) return 'fax';
  if (/pager|beeper/.test(text)) return 'pager';
  if (/telex/.test(text)) return 'telex';
  if (/\btty\b|\btdd\b|ttytdd|textphone|text telephone/.test(text)) return 'tty'; // `ttytdd`: Evolution's X-EVOLUTION-TTYTDD (also as "evolutionttytdd")
  if (/modem|\bbbs\b|\bdata\b/.test(text)) return 'modem';
  return null;
}

export const isCallableLabel = (label: string) => nonCallableKind(label) === null;

/** "This is a fax number: an AI agent cannot talk to it." — for cards, buttons and main's refusal. */
export function nonCallableReason(label: string): string | null {
  const kind = nonCallableKind(label);
  return kind ? `This is ${WHY[kind]}: an AI voice agent cannot talk to it. Call a voice number instead.` : null;
}

/**
 * Labels from files ("Mobile", "_$!<HomeFAX>!$_", "CELL", "Business Fax", "TTY/TDD Phone") → ours.
 * Non-callable kinds rank first: "work fax" is a fax, not a work number.
 */
export function normaliseLabel(raw: string): string {
  const text = raw
    .replace(/_\$!<(.+?)>!\$_/, '$1')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  const kind = nonCallableKind(text);
  if (kind) return kind;
  if (/cell|mobile|iphone|handy/.test(text)) return 'mobile';
  if (/callback/.test(text)) return 'callback';
  if (/isdn/.test(text)) return 'isdn';
  if (/radio/.test(text)) return 'radio';
  if (/\bcar\b/.test(text)) return 'car';
  if (/assistant/.test(text)) return 'assistant';
  if (/work|business|office/.test(text)) return 'work';
  if (/company/.test(text)) return 'company';
  if (/home|private|personal/.test(text)) return 'home';
  if (/main|pref/.test(text)) return 'main';
  return text.replace(/[^a-z0-9 ]/g, '').trim() || 'other';
}
