import { z } from 'zod';
import { CallIntentSchema } from '../../../shared/call-intent';
import { ApiVersionSchema, OutboundRequestSchema } from '../../../shared/feather-api';

/**
 * The calls whose outcome is unknown, by number, kept across restarts (dialer.json): a new card to
 * such a number in the next minutes needs an explicit confirmation, and the card itself never posts
 * again. Beside those guards, every call is written down BEFORE its POST leaves (a `placing` entry),
 * and struck off once Feather has answered and the History holds the answer. So when the app ends in
 * between (quit, crash, power loss), the next start knows a call may have gone out: it is guarded as
 * "outcome unknown" and gets its History entry, instead of leaving no trace.
 */

/** What the History needs of a call the app ended under: the attempt as it was being sent. */
export const PlacingNoteSchema = z.object({
  intent: CallIntentSchema,
  profileId: z.string().nullable(),
  body: OutboundRequestSchema,
  apiVersion: ApiVersionSchema.nullable(),
  contactId: z.string().nullable(),
  /** a 1.90 "Ask Feather again": its History entry is the first try's, moving on */
  resend: z.boolean(),
});
export type PlacingNote = z.infer<typeof PlacingNoteSchema>;
/** as written down: with the card's History entry as it was before this try (an answer recorded since changes it) */
const WrittenNoteSchema = PlacingNoteSchema.extend({ before: z.object({ id: z.string(), steps: z.number() }).nullable() });

/** a card's latest History entry: which one, how many steps its timeline has, its outcome */
export interface HistoryMark {
  id: string;
  steps: number;
  outcome: string;
}

/** A guard (an unknown outcome), or with `placing` a call whose POST is out (the note, checked when read back). */
export interface UncertainCall {
  e164: string;
  at: string;
  requestId: string;
  placing?: unknown;
}
export interface UncertainStore {
  load(): UncertainCall[];
  save(calls: UncertainCall[]): void;
}

export interface UncertainCallsDeps {
  store?: UncertainStore;
  now(): Date;
  /** how long a new card to such a number needs an explicit confirmation */
  windowMs: number;
  log?(message: string): void;
  /**
   * The card's latest History entry: read as a try leaves, and at start for a call found still `placing`
   * (the History recorded its answer if the entry is another one, or has more steps, than as it left).
   */
  historyOf?(requestId: string): HistoryMark | null;
  /** the History has a change for this card not written yet (an import holds the database): its strike-off waits */
  historyWaiting?(requestId: string): boolean;
  /** a call the app ended under, with no History entry: recorded now as outcome unknown, at the time it was sent */
  endedUnder?(note: PlacingNote, at: string): void;
  /** the History keeps context variables' values: else the note leaves them out too */
  keepValues?(): boolean;
}

/** the handle of one POST written down before it leaves; its first end counts */
export interface Placing {
  /** Feather answered: struck off once the History has it; a resend's guard lifts */
  answered(): void;
  /** certainly not placed (a refusal, offline): struck off; the card's guard, if any, stays as it is */
  refused(): void;
  /** the outcome stays unknown: guarded from now (the note is struck off once the History has it) */
  unknown(): void;
}

/** how often a strike-off waiting for the History looks again */
const WAIT_MS = 250;

export function createUncertainCalls(deps: UncertainCallsDeps) {
  const { now, windowMs } = deps;
  let calls: UncertainCall[] = [];
  try {
    calls = deps.store?.load() ?? [];
  } catch (error) {
    deps.log?.(`could not read the recent uncertain calls: ${error instanceof Error ? error.message : String(error)}`);
  }
  /** `placing` entries whose POST has its answer: struck off once the History has written it */
  const ended = new Set<UncertainCall>();
  /** after close: nothing more is written (a call still out stays `placing` in the file, for the next start) */
  let frozen = false;

  function save() {
    if (frozen) return;
    try {
      deps.store?.save(calls);
    } catch (error) {
      deps.log?.(`could not save the recent uncertain calls: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const isGuard = (c: UncertainCall) => c.placing === undefined;
  const inWindow = (c: UncertainCall) => now().getTime() - Date.parse(c.at) < windowMs;
  /** guards past their window go at every change; `placing` entries only when struck off */
  function keep(next: UncertainCall[]) {
    calls = next.filter((c) => !isGuard(c) || inWindow(c));
    save();
  }
  const guardOf = (requestId: string) => calls.find((c) => isGuard(c) && c.requestId === requestId);
  const withGuard = (list: UncertainCall[], guard: UncertainCall) => [
    ...list.filter((c) => !(isGuard(c) && c.requestId === guard.requestId)),
    guard,
  ];

  let sweepTimer: ReturnType<typeof setTimeout> | null = null;
  /** strikes off the ended entries the History has written; the others are looked at again shortly */
  function sweep(again: boolean) {
    sweepTimer = null;
    const done = [...ended].filter((c) => !deps.historyWaiting?.(c.requestId));
    if (done.length) {
      for (const c of done) ended.delete(c);
      keep(calls.filter((c) => !done.includes(c)));
    }
    if (again && ended.size) sweepSoon(WAIT_MS);
  }
  function sweepSoon(ms = 0) {
    if (frozen) return; // closed: nothing more is written
    sweepTimer ??= setTimeout(() => sweep(true), ms);
    sweepTimer.unref?.();
  }

  // Calls still `placing` in the file were out when the app last ended. Their outcome is unknown, unless
  // the History recorded an answer to this try (the app ended after it, before the strike-off).
  if (calls.some((c) => !isGuard(c))) {
    let next = calls.filter(isGuard);
    for (const c of calls.filter((entry) => !isGuard(entry))) {
      const note = WrittenNoteSchema.safeParse(c.placing);
      const latest = deps.historyOf?.(c.requestId) ?? null;
      const before = note.success ? note.data.before : undefined;
      const answered = latest !== null && before !== undefined && !(before && latest.id === before.id && latest.steps <= before.steps);
      if (answered && latest.outcome !== 'unknown') continue;
      if (!answered) {
        if (note.success) recordEndedUnder(c.requestId, note.data, c.at);
        else deps.log?.(`a call the app ended under could not be read back for the history (${c.requestId})`);
      }
      if (!next.some((g) => g.requestId === c.requestId)) next = withGuard(next, { e164: c.e164, at: c.at, requestId: c.requestId });
    }
    keep(next);
  }
  function recordEndedUnder(requestId: string, { before: _, ...note }: z.infer<typeof WrittenNoteSchema>, at: string) {
    try {
      deps.endedUnder?.(note, at);
    } catch (error) {
      deps.log?.(`could not record a call the app ended under (${requestId}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** the note as kept on disk: variable values only where the History keeps them */
  function kept(note: PlacingNote): PlacingNote {
    if (deps.keepValues?.() !== false) return note;
    const vars = note.body.context_variables;
    return {
      ...note,
      intent: { ...note.intent, contextVariables: note.intent.contextVariables.map((row) => ({ ...row, value: '' })), oneOff: null },
      body: vars ? { ...note.body, context_variables: Object.fromEntries(Object.keys(vars).map((k) => [k, null])) } : note.body,
    };
  }

  /** the guarded calls: outcome unknown, in the window */
  const guards = () => calls.filter((c) => isGuard(c) && inWindow(c));

  return {
    /** a call to this number in the last minutes whose outcome is unknown (not this card's) */
    about(e164: string, exceptRequestId?: string): UncertainCall | null {
      return guards().find((c) => c.e164 === e164 && c.requestId !== exceptRequestId) ?? null;
    },

    /** this card's call has an unknown outcome: it never posts again (also after a restart forgot its attempt) */
    isUnknown(requestId: string): boolean {
      return Boolean(guardOf(requestId));
    },

    /**
     * Writes the call down before its POST leaves (a synchronous write: the POST waits for it). A failed
     * write is logged and the call goes on: a full disk does not stop calls.
     */
    placing(e164: string, requestId: string, note: PlacingNote): Placing {
      const latest = deps.historyOf?.(requestId) ?? null;
      const before = latest && { id: latest.id, steps: latest.steps };
      const entry: UncertainCall = { e164, at: now().toISOString(), requestId, placing: { ...kept(note), before } };
      keep([...calls, entry]);
      let over = false;
      const end = (then: () => void) => {
        if (over) return;
        over = true;
        ended.add(entry);
        then();
        sweepSoon();
      };
      return {
        answered: () => end(() => guardOf(requestId) && keep(calls.filter((c) => !(isGuard(c) && c.requestId === requestId)))),
        refused: () => end(() => undefined),
        unknown: () => end(() => keep(withGuard(calls, { e164, at: now().toISOString(), requestId }))),
      };
    },

    /** the outcome of this card's call is known now (settled from the history): the guard lifts */
    settle(requestId: string) {
      if (guardOf(requestId)) keep(calls.filter((c) => !(isGuard(c) && c.requestId === requestId)));
    },

    /**
     * The app closes: strike-offs the History has written are written now, then nothing more is (an answer
     * arriving later is not in the History either: its call stays `placing`, for the next start to record).
     */
    close() {
      if (sweepTimer) clearTimeout(sweepTimer);
      sweep(false);
      frozen = true;
    },
  };
}
