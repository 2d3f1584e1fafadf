import { createHash } from 'node:crypto';
import type { CallIntent, DialDraft } from '../../../shared/call-intent';
import type { CallPreview, Confirmation } from '../../../shared/call-preview';
import type { LastCaller } from '../../../shared/caller';
import type { Contact } from '../../../shared/contacts/contact';
import { nameOf } from '../../../shared/contacts/contact-helpers';
import type { NumberKind } from '../../../shared/contacts/non-callable-problem';
import { regionName } from '../../../shared/country-words';
import { normalizeDialInput, parsePhone, type ParsedPhone } from '../../../shared/phone';
import type { GuardPreferences } from '../../../shared/preferences';
import type { Template } from '../../../shared/templates/template';
import { callerDefaults, offeredCallers } from './caller-defaults';
import { planCall, problemSummary, type CallPlan, type PlanDirectory } from './call-plan';
import { decideGuards, type GuardDecision } from './guards/call-guards';
import type { Policy } from './guards/policy-file';
import { numberToCall, whoseNumber, type NumberKeepers, type Whose } from './whose-number';

/** What the planner reads: main's own copies of everything (never the window's), for one connection. */
export interface CallPlannerDeps {
  /** the active connection's id (a call being placed keeps the one it started on) */
  activeProfileId(): string;
  /** a connection's directory (cached; works offline) */
  directory(profileId: string): PlanDirectory | null;
  templates(): readonly Template[];
  /** a contact by id; null when it does not exist (any more) */
  contact(id: string): Contact | null;
  /** who keeps a number: as a voice number, flagged without an E.164, or at all */
  keepersOf(e164: string): NumberKeepers;
  /** why a number must not be called (do-not-call), from every contact that has it */
  blockedReason(e164: string): string | null;
  /** a fax, pager, telex, TTY or modem line some contact keeps under this number; null when any has it as voice */
  numberKind(e164: string): NumberKind | null;
  /** the signed-in user's name for `{{user.name}}`, on a connection */
  userName(profileId: string): string | null;
  defaultCountry(): string;
  lastCaller(): LastCaller | null;
  /** calling hours and the number types to ask about (Settings) */
  guardPreferences(): GuardPreferences;
  /** the organisation's policy file, when there is one (a broken one: its safe fallback) */
  policy(): Policy | null;
  now(): Date;
  /** a call from this app on this connection still on its way to this number (the call history), other than this card's */
  underWay?(e164: string, profileId: string, exceptRequestId?: string): UnderWay | null;
  /** 1.90: the card's sentence when outbound is paused for this caller or the organisation (cached controls) */
  outboundPaused?(profileId: string, caller: { agentId: string | null; teamId: string | null; name: string | null }): string | null;
  /** a call to this number in the last minutes whose outcome is unknown, other than this card's */
  uncertainAbout?(e164: string, exceptRequestId?: string): { at: string } | null;
}

/** A call already on its way, as the card names it. */
export interface UnderWay {
  at: string;
  queued: boolean;
  status: string | null;
  eligibleAt: string | null;
  sessionId: string | null;
  /** 1.90: a queued call can be cancelled and replaced by "Call now instead" */
  replaceable: boolean;
}

const hhmm = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** The history's guards, asked at Review like calling hours: a call on its way, an unknown outcome. */
function historyConfirmations(
  deps: CallPlannerDeps,
  e164: string,
  who: string,
  profileId: string,
  requestId: string | undefined,
): Confirmation[] {
  const out: Confirmation[] = [];
  const doubt = deps.uncertainAbout?.(e164, requestId);
  if (doubt)
    out.push({
      kind: 'recently_uncertain',
      message: `A call to ${who} at ${hhmm(doubt.at)} may have been placed — its outcome is unknown. Check with the person or in Feather (History) before calling again.`,
      callNowOnly: false,
    });
  const busy = deps.underWay?.(e164, profileId, requestId);
  if (busy) {
    const what = busy.queued
      ? busy.eligibleAt
        ? `is queued for ${hhmm(busy.eligibleAt)}`
        : 'is waiting in Feather’s queue'
      : `is under way${busy.status ? ` (${busy.status.replace(/_/g, ' ')})` : ''}`;
    out.push({
      kind: 'under_way',
      message: `A call to ${who} ${what} — placed ${hhmm(busy.at)}. Calling again starts a second call.`,
      callNowOnly: false,
      queuedSessionId: busy.replaceable ? busy.sessionId : null,
    });
  }
  return out;
}

/** Everything one draft resolves to: the plan, and whose number it is. */
interface Resolved {
  plan: CallPlan;
  phone: ParsedPhone;
  pastedNotices: string[];
  whose: Whose;
  template: Template | null;
  guards: GuardDecision;
  digest: string;
}

const LETTERS = /\p{L}/u;

/** The same number, however it was written (values typed for one number never go to another). */
function sameNumber(a: string, b: string, country: string): boolean {
  const read = (text: string) => {
    const parsed = parsePhone(normalizeDialInput(text).text, country);
    return parsed.ok ? parsed.e164 : text.trim();
  };
  return read(a) === read(b);
}

/** Names a plan by what it would send, to whom, with whose details (the key and "Call now" aside). */
function digestOf(plan: CallPlan, contactId: string | null): string {
  // the key, "Call now" and the queue expiry (which "Call now" drops) are the card's own, not main's data
  // Confirmations ("Call anyway") are left out: they follow the clock (22:40 becomes 22:41), and the dialer
  // checks them itself against what the user confirmed, refusing with plan_changed when the armed card did not ask.
  const {
    idempotency_key: _key,
    instant: _instant,
    expires_in_seconds: _expiry,
    ...body
  } = plan.body ?? {
    from_phone_number_id: '',
    to_phone_number: '',
  };
  const named = JSON.stringify({ ok: plan.ok, body, contactId, problems: Object.keys(plan.problems).sort() });
  return createHash('sha256').update(named).digest('base64url').slice(0, 22);
}

/**
 * Builds the call plan from a draft — for the card on every change (`call:preview`) and, with
 * the same inputs, before sending (`call:place`): one function, so what the card shows is what
 * main enforces for every entry point (window, tray, palette, links).
 */
export function createCallPlanner(deps: CallPlannerDeps) {
  function resolve(
    draft: DialDraft,
    profileId: string,
    placing?: Pick<CallIntent, 'instant' | 'requestId'> & { idempotencyKey: string },
  ): Resolved {
    const defaultCountry = deps.defaultCountry();
    const pasted = normalizeDialInput(draft.toNumber);
    const phone = parsePhone(pasted.text, defaultCountry, { suggestCountry: true });
    const whose = whoseNumber(deps, draft, phone);
    const template = draft.templateId ? (deps.templates().find((t) => t.id === draft.templateId) ?? null) : null;
    const oneOff = draft.oneOff && sameNumber(draft.oneOff.forNumber, draft.toNumber, defaultCountry) ? draft.oneOff.values : undefined;
    const now = deps.now();
    const guards = guardsFor(phone, whose, profileId, now);
    if (phone.ok && !guards.blocked) {
      const who = whose.contact ? nameOf(whose.contact.contact) : phone.international;
      guards.confirmations.push(...historyConfirmations(deps, phone.e164, who, profileId, placing?.requestId));
    }
    const plan = planCall({
      intent: {
        toNumber: draft.toNumber,
        defaultCountry,
        fromNumberId: draft.fromNumberId,
        caller: draft.caller,
        contextVariables: draft.contextVariables,
        templateId: draft.templateId,
        oneOff,
        instant: placing?.instant,
        expiresInSeconds: draft.expiresInSeconds,
      },
      directory: deps.directory(profileId),
      template,
      context: { contact: whose.contact?.contact ?? null, user: { name: deps.userName(profileId) }, now },
      doNotCall: deps.blockedReason,
      numberKind: deps.numberKind,
      idempotencyKey: placing?.idempotencyKey,
      guards,
    });
    const body = plan.body;
    if (body && deps.directory(profileId)?.apiVersion === '1.90' && deps.outboundPaused) {
      const dir = deps.directory(profileId);
      const name =
        (body.agent_id ? dir?.agents.find((a) => a.id === body.agent_id)?.label : dir?.teams.find((t) => t.id === body.team_id)?.label) ??
        null;
      const paused = deps.outboundPaused(profileId, { agentId: body.agent_id ?? null, teamId: body.team_id ?? null, name });
      if (paused) plan.notices.push(paused);
    }
    // Letters in the To field are a name to look up (the list under the field), not a number.
    if (!phone.ok && phone.problem === 'letters' && LETTERS.test(pasted.text)) {
      plan.problems.toNumber = 'Choose a contact from the list under the field, or type a number.';
    }
    const contactId = whose.contact?.contact.id ?? null;
    return { plan, phone, pastedNotices: pasted.notices, whose, template, guards, digest: digestOf(plan, contactId) };
  }

  /** Calling hours and number types for this number, with whose it is (their time zone, their label for it). */
  function guardsFor(phone: ParsedPhone, whose: Whose, profileId: string, now: Date): GuardDecision {
    const c = whose.contact?.contact;
    return decideGuards({
      phone: phone.ok ? { international: phone.international, country: phone.country, type: phone.type } : null,
      contact: c
        ? {
            callName: c.firstName.trim() || nameOf(c),
            timeZone: c.timeZone,
            phoneLabel: (phone.ok && c.phones.find((p) => p.e164 === phone.e164)?.label) || null,
          }
        : null,
      defaultCountry: deps.defaultCountry(),
      prefs: deps.guardPreferences(),
      policy: deps.policy(),
      apiVersion: deps.directory(profileId)?.apiVersion ?? null,
      now,
    });
  }

  return {
    /** The card's view of a draft: the plan, whose number it is, and what main fills in by default. */
    preview(draft: DialDraft): CallPreview {
      const profileId = deps.activeProfileId();
      const { plan, phone, pastedNotices, whose, template, guards, digest } = resolve(draft, profileId);
      const directory = deps.directory(profileId);
      const c = whose.contact?.contact;
      const picked = draft.contactId ? deps.contact(draft.contactId) : null;
      const defaults = callerDefaults({
        draft,
        contactCaller: c?.defaultCaller ?? (draft.toNumber.trim() ? null : picked?.defaultCaller),
        templateCaller: template?.defaultCaller,
        lastCaller: deps.lastCaller(),
        directory,
      });
      const toDefault = !draft.toNumber.trim() && picked ? numberToCall(picked) : undefined;
      return {
        ok: plan.ok,
        digest,
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
              how: whose.contact!.how,
            }
          : null,
        notTheirs: whose.notTheirs ? { id: whose.notTheirs.id, name: nameOf(whose.notTheirs) } : null,
        sharedBy: whose.sharedBy,
        template: template && plan.templateRows ? { id: template.id, name: template.name, rows: plan.templateRows } : null,
        doNotCall: plan.doNotCall,
        nonCallable: plan.nonCallable,
        droppedVariables: plan.droppedVariables,
        defaults: {
          toNumber: toDefault ? (toDefault.e164 ?? toDefault.raw) : null,
          fromNumberId: defaults.fromNumberId,
          caller: defaults.caller,
        },
        idempotencyKeySent: directory?.apiVersion !== '1.21',
        callerSource: defaults.source,
        offered: offeredCallers(directory, draft.fromNumberId),
        apiVersion: directory?.apiVersion ?? null,
        confirmations: plan.confirmations,
        calleeTime: guards.calleeTime,
      };
    },

    /**
     * The plan to send: the same resolution as the preview, on the connection the call started on,
     * with the card's idempotency key; `changed` when it is not the plan the card was armed with.
     */
    forPlacing(
      intent: CallIntent,
      idempotencyKey: string,
      profileId: string,
    ): { plan: CallPlan; contactId: string | null; changed: boolean } {
      const { plan, whose, digest } = resolve(intent, profileId, { instant: intent.instant, requestId: intent.requestId, idempotencyKey });
      return { plan, contactId: whose.contact?.contact.id ?? null, changed: intent.armedWith !== undefined && intent.armedWith !== digest };
    },
  };
}
export type CallPlanner = ReturnType<typeof createCallPlanner>;
