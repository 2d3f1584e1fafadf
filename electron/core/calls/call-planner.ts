import type { CallIntent, DialDraft } from '../../../shared/call-intent';
import type { CallPreview } from '../../../shared/call-preview';
import type { LastCaller } from '../../../shared/caller';
import type { Contact } from '../../../shared/contacts/contact';
import { nameOf } from '../../../shared/contacts/contact-helpers';
import type { NumberKind } from '../../../shared/contacts/non-callable-problem';
import { regionName } from '../../../shared/country-words';
import { normalizeDialInput, parsePhone, type ParsedPhone } from '../../../shared/phone';
import type { Template } from '../../../shared/templates/template';
import { callerDefaults, offeredCallers } from './caller-defaults';
import { planCall, problemSummary, type CallPlan, type PlanDirectory } from './call-plan';

/** What the planner reads: main's own copies of everything (never the window's). */
export interface CallPlannerDeps {
  /** the active connection's directory (cached; works offline) */
  directory(): PlanDirectory | null;
  templates(): readonly Template[];
  /** a contact by id; null when it does not exist (any more) */
  contact(id: string): Contact | null;
  /** the contact a number belongs to (a voice entry first), if any */
  ownerOf(e164: string): string | null;
  /** why a number must not be called (do-not-call), from every contact that has it */
  blockedReason(e164: string): string | null;
  /** a fax, pager, telex, TTY or modem line some contact keeps under this number; null when any has it as voice */
  numberKind(e164: string): NumberKind | null;
  /** the signed-in user's name for `{{user.name}}` */
  userName(): string | null;
  defaultCountry(): string;
  lastCaller(): LastCaller | null;
  now(): Date;
}

/** Everything one draft resolves to: the plan, and whose number it is. */
interface Resolved {
  plan: CallPlan;
  phone: ParsedPhone;
  pastedNotices: string[];
  contact: { contact: Contact; how: 'picked' | 'matched' } | null;
  notTheirs: Contact | null;
  template: Template | null;
}

const LETTERS = /\p{L}/u;

/**
 * Builds the call plan from a draft — for the card on every change (`call:preview`) and, with
 * the same inputs, before sending (`call:place`): one function, so what the card shows is what
 * main enforces for every entry point (window, tray, palette, links).
 */
export function createCallPlanner(deps: CallPlannerDeps) {
  /** The draft's contact, decided here: the picked one while the number is theirs, else the number's own. */
  function whoseNumber(draft: DialDraft, phone: ParsedPhone): Pick<Resolved, 'contact' | 'notTheirs'> {
    const picked = draft.contactId ? deps.contact(draft.contactId) : null;
    const typed = draft.toNumber.trim();
    const theirs =
      picked?.phones.some((p) => (phone.ok ? p.e164 === phone.e164 : Boolean(typed) && !p.e164 && p.raw.trim() === typed)) ?? false;
    if (picked && theirs) return { contact: { contact: picked, how: 'picked' }, notTheirs: null };
    const ownerId = phone.ok ? deps.ownerOf(phone.e164) : null;
    const owner = ownerId ? deps.contact(ownerId) : null;
    return { contact: owner ? { contact: owner, how: 'matched' } : null, notTheirs: picked };
  }

  function resolve(draft: DialDraft, placing?: Pick<CallIntent, 'instant'> & { idempotencyKey: string }): Resolved {
    const defaultCountry = deps.defaultCountry();
    const pasted = normalizeDialInput(draft.toNumber);
    const phone = parsePhone(pasted.text, defaultCountry, { suggestCountry: true });
    const { contact, notTheirs } = whoseNumber(draft, phone);
    const template = draft.templateId ? (deps.templates().find((t) => t.id === draft.templateId) ?? null) : null;
    const plan = planCall({
      intent: {
        toNumber: draft.toNumber,
        defaultCountry,
        fromNumberId: draft.fromNumberId,
        caller: draft.caller,
        contextVariables: draft.contextVariables,
        templateId: draft.templateId,
        oneOff: draft.oneOff,
        instant: placing?.instant,
        expiresInSeconds: draft.expiresInSeconds,
      },
      directory: deps.directory(),
      template,
      context: { contact: contact?.contact ?? null, user: { name: deps.userName() }, now: deps.now() },
      doNotCall: deps.blockedReason,
      numberKind: deps.numberKind,
      idempotencyKey: placing?.idempotencyKey,
    });
    // Letters in the To field are a name to look up (the list under the field), not a number.
    if (!phone.ok && phone.problem === 'letters' && LETTERS.test(pasted.text)) {
      plan.problems.toNumber = 'Choose a contact from the list under the field, or type a number.';
    }
    return { plan, phone, pastedNotices: pasted.notices, contact, notTheirs, template };
  }

  return {
    /** The card's view of a draft: the plan, whose number it is, and what main fills in by default. */
    preview(draft: DialDraft): CallPreview {
      const { plan, phone, pastedNotices, contact, notTheirs, template } = resolve(draft);
      const directory = deps.directory();
      const defaults = callerDefaults({
        draft,
        contactCaller: contact?.contact.defaultCaller,
        templateCaller: template?.defaultCaller,
        lastCaller: deps.lastCaller(),
        directory,
      });
      const c = contact?.contact;
      return {
        ok: plan.ok,
        body: plan.body,
        problems: plan.problems,
        summary: problemSummary(plan),
        notices: plan.notices,
        variablesNotice: plan.notices.find((n) => /context variables/.test(n)) ?? null,
        types: plan.types,
        to: phone.ok
          ? {
              e164: phone.e164,
              international: phone.international,
              countryName: phone.country ? regionName(phone.country) : null,
              notices: pastedNotices,
            }
          : null,
        toSuggestion:
          !phone.ok && phone.suggestion
            ? { international: phone.suggestion.international, countryName: regionName(phone.suggestion.country) }
            : null,
        contact: c
          ? {
              id: c.id,
              name: nameOf(c),
              callName: c.firstName.trim() || nameOf(c),
              phoneLabel: c.phones.find((p) => (phone.ok ? p.e164 === phone.e164 : p.raw.trim() === draft.toNumber.trim()))?.label ?? null,
              how: contact.how,
            }
          : null,
        notTheirs: notTheirs ? { id: notTheirs.id, name: nameOf(notTheirs) } : null,
        template: template && plan.templateRows ? { id: template.id, name: template.name, rows: plan.templateRows } : null,
        doNotCall: plan.doNotCall,
        nonCallable: plan.nonCallable,
        droppedVariables: plan.droppedVariables,
        defaults: { fromNumberId: defaults.fromNumberId, caller: defaults.caller },
        callerSource: defaults.source,
        offered: offeredCallers(directory, draft.fromNumberId),
        apiVersion: directory?.apiVersion ?? null,
      };
    },

    /** The plan to send: the same resolution as the preview, with the card's idempotency key. */
    forPlacing(intent: CallIntent, idempotencyKey: string): { plan: CallPlan; contactId: string | null } {
      const { plan, contact } = resolve(intent, { instant: intent.instant, idempotencyKey });
      return { plan, contactId: contact?.contact.id ?? null };
    },
  };
}
export type CallPlanner = ReturnType<typeof createCallPlanner>;
