import type { NumberType } from 'libphonenumber-js/max';
import type { Confirmation } from '../../../../shared/call-preview';
import type { GuardPreferences } from '../../../../shared/preferences';
import { aNumberFrom, numbersFrom } from '../../../../shared/country-words';
import type { Policy, PolicyType } from './policy-file';

/** The number as the guards read it (a valid number: libphonenumber's full metadata), and whose it is. */
export interface NumberFacts {
  international: string;
  country: string | undefined;
  /** libphonenumber's type; undefined when it cannot tell */
  type: NumberType | undefined;
  /** the contact's label for this number ("mobile", "work"…), when it is a contact's */
  label: string | null;
  /** the contact's name in a sentence, when it is a contact's */
  callName: string | null;
}

const POLICY_TYPE: Partial<Record<NonNullable<NumberType>, PolicyType>> = {
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  TOLL_FREE: 'toll-free',
  MOBILE: 'mobile',
  VOIP: 'voip',
  PERSONAL_NUMBER: 'personal-number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

const PLURAL: Record<PolicyType, string> = {
  'premium-rate': 'premium-rate numbers',
  'shared-cost': 'shared-cost numbers',
  'toll-free': 'toll-free numbers',
  mobile: 'mobile numbers',
  voip: 'VoIP numbers',
  'personal-number': 'personal (follow-me) numbers',
  pager: 'pagers',
  uan: 'universal access numbers',
  voicemail: 'voicemail access numbers',
  international: 'other countries',
};

const MOBILE_LABEL = /\b(mobile|cell|cellular|handy|móvil|movil|portable|cellulare)\b/i;

/** What a number is, in the policy's words: its type, a contact's "mobile" label, another country than the default. */
function typesOf(facts: NumberFacts, defaultCountry: string): { types: PolicyType[]; maybeMobile: boolean } {
  const types = new Set<PolicyType>();
  const fromType = facts.type ? POLICY_TYPE[facts.type] : undefined;
  if (fromType) types.add(fromType);
  if (facts.label && MOBILE_LABEL.test(facts.label)) types.add('mobile');
  if (facts.country !== defaultCountry) types.add('international');
  // US and Canadian (and other NANP) numbers do not say whether they are mobiles
  const maybeMobile = facts.type === 'FIXED_LINE_OR_MOBILE' && !types.has('mobile');
  return { types: [...types], maybeMobile };
}

/** "+1 900 555 0123 is a premium-rate number", "+34 612 345 678 is a Spanish number" */
function whatItIs(type: PolicyType, facts: NumberFacts, defaultCountry: string): string {
  const n = facts.international;
  if (type === 'international')
    return facts.country
      ? `${n} is ${aNumberFrom(facts.country)}, not ${aNumberFrom(defaultCountry)}`
      : `${n} belongs to no single country`;
  if (type === 'mobile' && facts.callName && facts.label && MOBILE_LABEL.test(facts.label)) return `${n} is ${facts.callName}’s mobile`;
  const singular = PLURAL[type].replace(/s$/, '');
  return `${n} is ${/^[aeiou]/i.test(singular) ? 'an' : 'a'} ${singular}`;
}

const confirm = (kind: Confirmation['kind'], message: string): Confirmation => ({ kind, message, callNowOnly: false });

/**
 * Number types: blocked outright by the organisation's policy (a problem on To number, no
 * override), or asked about with "Call anyway" — premium-rate and shared-cost always, international
 * and mobile numbers when the preferences flag them.
 */
export function numberTypeGuards(
  facts: NumberFacts,
  defaultCountry: string,
  prefs: Pick<GuardPreferences, 'flagInternational' | 'flagMobile'>,
  policy: Policy | null,
): { blocked: string | null; confirmations: Confirmation[] } {
  const { types, maybeMobile } = typesOf(facts, defaultCountry);
  const blockedType = policy ? types.find((t) => policy.blocked.has(t)) : undefined;
  if (blockedType && policy) {
    const why = policy.broken
      ? `the policy file (${policy.path}) cannot be used, so ${PLURAL[blockedType]} are blocked until it is fixed`
      : `your organisation’s policy (${policy.path}) does not allow calls to ${PLURAL[blockedType]}`;
    return { blocked: `Not allowed: ${whatItIs(blockedType, facts, defaultCountry)}, and ${why}.`, confirmations: [] };
  }
  const confirmations: Confirmation[] = [];
  if (types.includes('premium-rate'))
    confirmations.push(
      confirm('premium_rate', `${facts.international} is a premium-rate number: a call to it can cost far more than an ordinary call.`),
    );
  if (types.includes('shared-cost'))
    confirmations.push(
      confirm('shared_cost', `${facts.international} is a shared-cost number: a call to it costs more than an ordinary call.`),
    );
  if (types.includes('international') && prefs.flagInternational)
    confirmations.push(confirm('international', `${whatItIs('international', facts, defaultCountry)}: an international call.`));
  if (types.includes('mobile') && prefs.flagMobile) confirmations.push(confirm('mobile', `${whatItIs('mobile', facts, defaultCountry)}.`));
  else if (maybeMobile && (prefs.flagMobile || policy?.blocked.has('mobile'))) {
    const rule = policy?.blocked.has('mobile')
      ? 'your organisation’s policy does not allow calls to mobile numbers: call only if you know it is not one'
      : 'call only if a call to a mobile is fine';
    confirmations.push(
      confirm(
        'mobile',
        `${facts.international} may be a mobile number (${numbersFrom(facts.country ?? defaultCountry)} do not show whether they are); ${rule}.`,
      ),
    );
  }
  return { blocked: null, confirmations };
}
