// Over 300 lines on purpose: placing, resending and the outcome table share one attempt table per request id; split, the never-twice lock would span files (the recently-uncertain guard and the calls written down before their POST are in uncertain-calls.ts).
import type { CallIntent } from '../../../shared/call-intent';
import { variableField } from '../../../shared/variable-field';
import type { CallResult } from '../../../shared/contract';
import type { ApiVersion, OutboundRequest } from '../../../shared/feather-api';
import { AppFailure, type AppError } from '../../../shared/result';
import type { FeatherClient, FieldMapper, OutboundAccepted } from '../feather/feather-client';
import { fieldName, type CallPlan } from './call-plan';
import { createUncertainCalls, type HistoryMark, type UncertainStore } from './uncertain-calls';

/** What main decided for this call, with its own copies of everything (see call-planner.ts). */
export interface PlacingPlan {
  plan: CallPlan;
  /** the server's API version, as far as it is known */
  apiVersion: ApiVersion | null;
  /** whose number it is (marked called once placed) */
  contactId: string | null;
  /** the plan differs from the one the card was armed with: nothing is sent */
  changed: boolean;
  /** the connection the call is placed on */
  profileId: string;
}

/** One try of a card, as it ended: for the call history. */
export interface AttemptReport {
  intent: CallIntent;
  /** null when main refused before a plan existed */
  profileId: string | null;
  /** what was (or would have been) sent; null when refused before a body was built */
  body: OutboundRequest | null;
  apiVersion: ApiVersion | null;
  contactId: string | null;
  /** placed */
  result: CallResult | null;
  /** not placed (the reason), or outcome unknown */
  error: AppError | null;
  /** the re-send of a request whose outcome was unknown (the same entry moves on) */
  resend: boolean;
  /** when it was sent, for a call recorded later: one the app ended under, found at the next start (else now) */
  at?: string;
}

/** Refusals that are the card asking again (review, confirm), not an attempt worth a history entry. */
const NOT_AN_ATTEMPT = new Set(['plan_changed', 'needs_confirmation', 'recently_uncertain', 'invalid_request']);

export interface DialerDeps {
  client(): Promise<FeatherClient>;
  now?: () => Date;
  /**
   * The call plan for this intent, built by the same function as the card's preview, with the
   * card's idempotency key (the request id; a fresh one after a certain "not placed").
   */
  plan(intent: CallIntent, idempotencyKey: string, client: FeatherClient): Promise<PlacingPlan>;
  /**
   * After Feather accepted a call, once the window has its answer (the last caller, the contact's
   * stats): a failure here never turns the call into a failure; it reaches the card as a late notice.
   */
  onPlaced?(intent: CallIntent, result: CallResult, contactId: string | null): void | Promise<void>;
  /** something failed after the card was told "placed": a notice for that card (main sends it as an event) */
  onLateNotice?(requestId: string, notice: string): void;
  /** 1.90, after the answer: when the queued call may dial and when it expires, as Feather says (for its history entry) */
  onQueueWindow?(requestId: string, window: { eligibleAt: string | null; queueExpiresAt: string | null }): void;
  /**
   * Every attempt as it ended (placed, not placed, outcome unknown), for the call history. For a
   * placed call this is the one write before the window's answer: the entry is what warns a new
   * card to the same number ("a call … is queued / under way"), also after a restart.
   */
  onAttempt?(report: AttemptReport): void;
  /** "Call now instead": Feather confirmed cancelling this queued call (conversation id) */
  onQueuedCancelled?(conversationId: string): void;
  log?(message: string): void;
  /**
   * remembers numbers whose last call had an unknown outcome, and each call while its POST is out
   * (written before it leaves), kept across restarts where given: see uncertain-calls.ts
   */
  uncertain?: UncertainStore;
  /** how long a new card to such a number needs an explicit confirmation; default 10 minutes */
  uncertainWindowMs?: number;
  /** the card's latest history entry (which, its steps, its outcome): read as a try leaves, and at start for a call the app may have ended under */
  historyOf?(requestId: string): HistoryMark | null;
  /** the history has a change for this card not written yet (an import holds the database) */
  historyWaiting?(requestId: string): boolean;
  /** the history keeps context variables' values (else a call written down before its POST leaves them out too) */
  keepVariableValues?(): boolean;
}

export const UNCERTAIN_WINDOW_MS = 10 * 60_000;

/** the placed card's late notice when the bookkeeping after the answer failed */
const SAVE_FAILED = 'The call was placed, but saving it on this computer failed (last caller, contact stats).';

/** the History's note on a call the app ended under (found at the next start) */
export const ENDED_UNDER =
  'Feather Launcher closed while this call was being placed, before Feather answered: it may have gone out. Check with the person or in Feather before calling again.';

const REMEMBERED = 10_000;

/** One card's attempt: what was sent, to whom, and how it ended so far. */
interface Attempt {
  promise: Promise<CallResult>;
  intent: CallIntent;
  client?: FeatherClient;
  body?: OutboundRequest;
  apiVersion?: ApiVersion | null;
  notices?: string[];
  contactId?: string | null;
  profileId?: string;
  /** each row's variable name, in order: a 422 on a variable lands on its row */
  rowKeys?: string[];
}

/**
 * The only path to POST /v1/voice/outbound. Every entry point (button, Enter, hotkey, tray,
 * tel: link, redial) reaches it with a request id minted once per call card, and one id
 * places at most one call: a second submission joins the first one's outcome. The request id
 * is also sent as `idempotency_key`; on API 1.90 that makes re-sending the same request after
 * "outcome unknown" safe (Feather replays its first answer), so only there may a card resend.
 */
export function createDialer(deps: DialerDeps) {
  const now = deps.now ?? (() => new Date());
  const attempts = new Map<string, Attempt>();
  /**
   * Cards whose earlier try was certainly not placed (4xx, 3xx, offline): the next try gets a
   * fresh idempotency key, since a server may keep the first key's refusal and replay it.
   */
  const retries = new Map<string, number>();
  const guard = createUncertainCalls({
    store: deps.uncertain,
    now,
    windowMs: deps.uncertainWindowMs ?? UNCERTAIN_WINDOW_MS,
    log: deps.log,
    historyOf: deps.historyOf,
    historyWaiting: deps.historyWaiting,
    keepValues: deps.keepVariableValues,
    endedUnder: ({ resend, ...note }, at) =>
      deps.onAttempt?.({ ...note, result: null, error: { code: 'outcome_unknown', message: ENDED_UNDER }, resend, at }),
  });

  function remember(id: string, attempt: Attempt) {
    attempts.delete(id);
    attempts.set(id, attempt);
    if (attempts.size > REMEMBERED) attempts.delete(attempts.keys().next().value as string);
  }

  async function post(record: Attempt, replayed: boolean): Promise<CallResult> {
    const { client, body, intent } = record;
    // written down before it leaves: if the app ends before Feather answers, the next start knows it may have gone out
    const out = guard.placing(body!.to_phone_number, intent.requestId, {
      // what the History needs of the card (the values sent are in the body; the card's own are not kept)
      intent: { ...intent, contextVariables: [], oneOff: null },
      profileId: record.profileId ?? null,
      body: body!,
      apiVersion: record.apiVersion ?? null,
      contactId: record.contactId ?? null,
      resend: replayed,
    });
    let accepted: OutboundAccepted;
    try {
      accepted = await client!.placeOutbound(body!, fieldMapper(record.rowKeys ?? []));
    } catch (error) {
      if (error instanceof AppFailure && error.appError.code === 'outcome_unknown') {
        out.unknown();
        const resendable = record.apiVersion === '1.90' && Boolean(body!.idempotency_key);
        throw new AppFailure({
          ...error.appError,
          resendable,
          message: resendable ? error.appError.message.replace(/ — check.*$/, '.') : error.appError.message,
        });
      }
      out.refused();
      throw error;
    }
    out.answered();
    return placed(record, accepted, replayed);
  }

  /** Feather's answer as the card's result: nothing is awaited here (the queue window and the bookkeeping come after the answer). */
  function placed(record: Attempt, accepted: OutboundAccepted, replayed: boolean): CallResult {
    const { body, intent } = record;
    const r = accepted.response;
    const notices = [...(record.notices ?? [])];
    const queued = r?.queued === true;
    if (!r)
      notices.push(
        `Feather accepted the call (HTTP ${accepted.httpStatus}) but its answer could not be read, so there is no session id. Do not call again: the call is under way.`,
      );
    return {
      requestId: intent.requestId,
      sessionId: r?.session_id ?? null,
      roomName: r?.room_name ?? null,
      dispatchId: r?.dispatch_id ?? null,
      agentName: r?.agent_name ?? null,
      toNumber: body!.to_phone_number,
      placedAt: now().toISOString(),
      variablesSent: Object.keys(body!.context_variables ?? {}).length,
      notices,
      queued,
      instant: body!.instant === true,
      // when it may dial is asked after the answer (onQueueWindow); the expiry the card asked for is known now
      eligibleAt: null,
      queueExpiresAt:
        queued && body!.expires_in_seconds !== undefined ? new Date(now().getTime() + body!.expires_in_seconds * 1000).toISOString() : null,
      revisionName: r?.agent_revision_name ?? null,
      revisionSource: r?.revision_source ?? null,
      detailsUnknown: !r,
      replayed,
      httpStatus: accepted.httpStatus,
    };
  }

  /** work started after answers, so close() can wait for it */
  const afterWork = new Set<Promise<void>>();
  async function idle(): Promise<void> {
    while (afterWork.size) await Promise.all([...afterWork]);
  }
  /**
   * After the window has its answer (a timer: every transport has sent the answer by then, also one that
   * hops through setImmediate): a queued call's window, the last caller and the contact's stats. None can
   * change the outcome; a failed save reaches the placed card as a late notice.
   */
  function afterAnswer(record: Attempt, result: CallResult) {
    const work = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(() => Promise.all([queueWindow(record, result), bookkeeping(record, result)]))
      .then(() => undefined)
      .finally(() => afterWork.delete(work));
    afterWork.add(work);
  }
  async function bookkeeping(record: Attempt, result: CallResult) {
    try {
      await deps.onPlaced?.(record.intent, result, record.contactId ?? null);
    } catch (error) {
      deps.log?.(`after a placed call: ${error instanceof Error ? error.message : String(error)}`);
      deps.onLateNotice?.(result.requestId, SAVE_FAILED);
    }
  }
  async function queueWindow(record: Attempt, result: CallResult) {
    if (!result.queued || !result.sessionId) return;
    const body = record.body!;
    try {
      const entry = await record.client!.queuedCall(
        result.sessionId,
        body.agent_id ? { agent_id: body.agent_id } : body.team_id ? { team_id: body.team_id } : {},
      );
      if (!entry) return; // no longer waiting (dialled, cancelled): the history follows it from here
      deps.onQueueWindow?.(result.requestId, {
        eligibleAt: entry.eligible_at ?? null,
        queueExpiresAt: entry.queue_expires_at ?? result.queueExpiresAt,
      });
    } catch (error) {
      // best effort: the card keeps what the answer said
      deps.log?.(`could not read the queued call's window: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function dial(record: Attempt): Promise<CallResult> {
    const { intent } = record;
    const client = await deps.client();
    const retry = retries.get(intent.requestId) ?? 0;
    // The same plan the card showed, with main's own copies: every entry point is checked here.
    const { plan, apiVersion, contactId, changed, profileId } = await deps.plan(
      intent,
      retry ? `${intent.requestId}-r${retry}` : intent.requestId,
      client,
    );
    record.rowKeys = plan.rowKeys;
    record.profileId = profileId;
    record.apiVersion = apiVersion;
    record.contactId = contactId;
    if (plan.doNotCall) {
      const reason = plan.doNotCall;
      throw new AppFailure({
        code: 'do_not_call',
        message: `Not called — do-not-call. ${reason}`,
        fields: { toNumber: plan.problems.toNumber! },
      });
    }
    if (plan.nonCallable) {
      throw new AppFailure({
        code: 'invalid_number',
        message: `Not called. ${plan.problems.toNumber!}`,
        fields: { toNumber: plan.problems.toNumber! },
      });
    }
    if (!plan.ok || !plan.body) {
      throw new AppFailure({
        code: 'validation',
        message: 'Some details need fixing before this call can be placed.',
        fields: plan.problems,
      });
    }
    if (changed) {
      throw new AppFailure({
        code: 'plan_changed',
        message:
          'Not called: what this card would send has changed since you reviewed it (the contact, the template or the organisation data changed). Check the card and call again.',
      });
    }
    // "Call anyway" for calling hours and number types: every entry point, whatever the window sent.
    // "Call now instead" answers the warning about the queued call it replaces
    const replaces = (c: (typeof plan.confirmations)[number]) =>
      c.kind === 'under_way' && Boolean(intent.replaceQueued) && c.queuedSessionId === intent.replaceQueued;
    // "maybe already called" has its own refusal below (recently_uncertain), with when it was
    const confirmed = (c: (typeof plan.confirmations)[number]) =>
      c.kind === 'recently_uncertain' || intent.confirmed?.includes(c.kind) || replaces(c);
    const missing = plan.confirmations.filter((c) => (!c.callNowOnly || intent.instant === true) && !confirmed(c));
    if (missing.length > 0) {
      const sentences = missing.map((c) => c.message).join(' ');
      // From a card (armed): its plan did not ask for this, so it is out of date (the clock passed
      // the end of the calling hours, the contact's time zone changed…): back to the form, plan again.
      throw new AppFailure(
        intent.armedWith !== undefined
          ? {
              code: 'plan_changed',
              message: `Not called: this call now needs your confirmation. ${sentences} Check the card; “Call anyway” if you are sure.`,
            }
          : { code: 'needs_confirmation', message: `Not called: this call needs an explicit “Call anyway”. ${sentences}` },
      );
    }
    const built = { body: plan.body, notices: plan.notices };
    const doubt = guard.about(built.body.to_phone_number, intent.requestId);
    if (doubt && !intent.confirmUncertain && !intent.confirmed?.includes('recently_uncertain')) {
      const at = new Date(doubt.at);
      const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
      throw new AppFailure({
        code: 'recently_uncertain',
        uncertainAt: doubt.at,
        message: `A call to this number at ${hhmm} may have been placed — its outcome is unknown. Check with the person or in Feather before calling again; if you are sure, confirm with “Call anyway”.`,
      });
    }
    record.notices = built.notices;
    if (intent.replaceQueued) await cancelFirst(intent, apiVersion, client);
    record.client = client;
    record.body = built.body;
    return post(record, false);
  }

  /** "Call now instead": the queued call is cancelled, and Feather has said so, before anything is placed. */
  async function cancelFirst(intent: CallIntent, apiVersion: ApiVersion | null, client: FeatherClient) {
    const id = intent.replaceQueued!;
    if (apiVersion !== '1.90' || intent.instant !== true)
      throw new AppFailure({
        code: 'validation',
        message: 'Only a queued call on a Feather server with a calling-hours queue (API 1.90) can be replaced by Call now.',
      });
    let said: string;
    // a server error or no answer: Feather may have cancelled it all the same
    let maybe = false;
    try {
      const answer = await client.queuedAction(id, 'cancel');
      if (answer.action === 'cancelled') {
        deps.onQueuedCancelled?.(id);
        return;
      }
      said = `it answered “${answer.action}”`;
    } catch (error) {
      said = error instanceof AppFailure ? error.appError.message.replace(/\.$/, '') : String(error);
      maybe = !(error instanceof AppFailure) || ['outcome_unknown', 'server_error', 'bad_response'].includes(error.appError.code);
    }
    throw new AppFailure({
      code: 'cancel_failed',
      message: `Not called: Feather did not confirm cancelling the queued call (${said}), so nothing was placed. ${
        maybe ? 'The queued call may still wait, or may have been cancelled' : 'The queued call still waits'
      }; see History.`,
    });
  }

  /** Tells the history how a try ended; never changes the outcome. */
  function report(record: Attempt, result: CallResult | null, error: unknown, resend: boolean): CallResult {
    const appError = error instanceof AppFailure ? error.appError : error ? { code: 'internal' as const, message: String(error) } : null;
    if (appError && NOT_AN_ATTEMPT.has(appError.code)) return result!;
    // the card's own problems (nothing could be built to send): the card shows them; not an attempt
    if (appError?.code === 'validation' && !record.body) return result!;
    // a resend Feather refused says nothing about the first request: that entry stays "unknown"
    if (resend && appError && appError.code !== 'outcome_unknown') return result!;
    try {
      deps.onAttempt?.({
        intent: record.intent,
        profileId: record.profileId ?? null,
        body: record.body ?? null,
        apiVersion: record.apiVersion ?? null,
        contactId: record.contactId ?? null,
        result,
        error: appError,
        resend,
      });
    } catch (failure) {
      deps.log?.(`could not record the call in the history: ${failure instanceof Error ? failure.message : String(failure)}`);
      result?.notices.push('The call was placed, but it could not be added to the call history on this computer.');
    }
    return result!;
  }

  /** A placed call's answer, with the work that waits for it started behind it. */
  function answered(record: Attempt, result: CallResult): CallResult {
    afterAnswer(record, result);
    return result;
  }

  /** Outcomes after which the same card must not post again (except a 1.90 resend). */
  const isFinal = (error: unknown) => error instanceof AppFailure && error.appError.code === 'outcome_unknown';

  function track(id: string, record: Attempt) {
    remember(id, record);
    // A call that certainly did not go out may be tried again with the same card;
    // success and "outcome unknown" stay final for this request id.
    record.promise.catch((error: unknown) => {
      if (!isFinal(error) && attempts.get(id) === record) {
        attempts.delete(id);
        // Only a try that reached Feather and was refused used up its key.
        if (record.body) retries.set(id, (retries.get(id) ?? 0) + 1);
        if (retries.size > REMEMBERED) retries.delete(retries.keys().next().value as string);
      }
    });
    return record.promise;
  }

  /** One resend per card at a time: a second click joins the first instead of racing it. */
  const resending = new Map<string, Promise<CallResult>>();
  function resend(requestId: string): Promise<CallResult> {
    const running = resending.get(requestId);
    if (running) return running;
    const attempt = resendOnce(requestId).finally(() => resending.delete(requestId));
    resending.set(requestId, attempt);
    return attempt;
  }

  async function resendOnce(requestId: string): Promise<CallResult> {
    const previous = attempts.get(requestId);
    if (!previous) throw new AppFailure({ code: 'not_found', message: 'This call card is no longer known; start a new call.' });
    const outcome = await previous.promise.then(
      () => 'placed' as const,
      (error: unknown) => (isFinal(error) ? ('unknown' as const) : ('failed' as const)),
    );
    if (attempts.get(requestId) !== previous) return attempts.get(requestId)!.promise; // a duplicate placed meanwhile: join it
    if (outcome === 'placed') return previous.promise;
    if (outcome !== 'unknown' || !previous.body)
      throw new AppFailure({ code: 'validation', message: 'Only a call whose outcome is unknown can be asked about again.' });
    if (previous.apiVersion !== '1.90' || !previous.body.idempotency_key) {
      throw new AppFailure({
        code: 'validation',
        message:
          'This Feather server does not de-duplicate calls, so the request cannot be re-sent safely. Check Feather before calling again.',
      });
    }
    const record: Attempt = { ...previous, promise: Promise.resolve() as unknown as Promise<CallResult> };
    record.promise = post(record, true).then(
      (result) => answered(record, report(record, result, null, true)),
      (error: unknown) => {
        report(record, null, error, true);
        throw error;
      },
    );
    remember(requestId, record);
    // A resend Feather refused (429, 409, offline…) says nothing about the first request: the card
    // stays "outcome unknown", so a late duplicate joins that outcome instead of posting a new key.
    record.promise.catch((error: unknown) => {
      if (!isFinal(error) && attempts.get(requestId) === record) remember(requestId, previous);
    });
    return record.promise;
  }

  return {
    place(intent: CallIntent): Promise<CallResult> {
      const existing = attempts.get(intent.requestId);
      if (existing) return existing.promise;
      // A card whose outcome is unknown never posts again, even after a restart forgot its attempt.
      if (guard.isUnknown(intent.requestId)) {
        return Promise.reject(
          new AppFailure({
            code: 'outcome_unknown',
            message: 'This call card’s earlier request has an unknown outcome, so it is not sent again. Check before calling again.',
          }),
        );
      }
      const record: Attempt = { intent, promise: Promise.resolve() as unknown as Promise<CallResult> };
      record.promise = dial(record).then(
        (result) => answered(record, report(record, result, null, false)),
        (error: unknown) => {
          const named = withFieldNames(error, record.rowKeys ?? []);
          report(record, null, named, false);
          throw named;
        },
      );
      return track(intent.requestId, record);
    },

    /**
     * Re-sends exactly the request of an attempt whose outcome is unknown — only where Feather
     * de-duplicates by idempotency key (API 1.90). Joins a resend already under way.
     */
    resend,

    /** resolves once the work after every answer so far is done */
    idle,

    /**
     * The app closes: the work after every answer so far is done, and what the guard knows is written. A call
     * still waiting for Feather stays written down as being placed, for the next start to record.
     */
    async close(): Promise<void> {
      await idle();
      guard.close();
    },

    /** the outcome of this card's call is known now (settled from the history): the guard lifts */
    settled: guard.settle,

    /** a call to this number in the last minutes whose outcome is unknown (not this card's) */
    uncertainAbout(e164: string, exceptRequestId?: string): { at: string } | null {
      const doubt = guard.about(e164, exceptRequestId);
      return doubt ? { at: doubt.at } : null;
    },
  };
}
export type Dialer = ReturnType<typeof createDialer>;

/** A refusal's fields, each with the name the user knows it by (a row by its variable name). */
function withFieldNames(error: unknown, rowKeys: readonly string[]): unknown {
  if (!(error instanceof AppFailure) || !error.appError.fields) return error;
  const rows = rowKeys.map((key) => ({ key }));
  const fieldNames = Object.fromEntries(Object.keys(error.appError.fields).map((field) => [field, fieldName(field, rows)]));
  return new AppFailure({ ...error.appError, fieldNames });
}

/** 422 `loc` → the field the user typed it in (rows by their variable name). */
export function fieldMapper(rowKeys: readonly string[]): FieldMapper {
  return (loc) => {
    const [where, field, name] = loc;
    if (where !== 'body') return undefined;
    switch (field) {
      case 'to_phone_number':
        return 'toNumber';
      case 'from_phone_number_id':
        return 'fromNumberId';
      case 'agent_id':
        return 'agentId';
      case 'team_id':
        return 'teamId';
      case 'context_variables': {
        const index = rowKeys.indexOf(String(name));
        return index >= 0 ? variableField(index) : 'contextVariables';
      }
      default:
        return undefined;
    }
  };
}
