import { z } from 'zod';
import { CallIntentSchema } from '../../../shared/call-intent';
import { ApiVersionSchema, OutboundRequestSchema } from '../../../shared/feather-api';

/**
 * The calls whose outcome is unknown, by number, kept across restarts (dialer.json): a new card to
 * such a number in the next minutes needs an explicit confirmation, and the card itself never posts
 * again. A call is written down here BEFORE its POST leaves (`placing`), and struck off once Feather
 * has answered: so when the app ends between the two (quit, crash, power loss), the next start knows a
 * call may have gone out — it is guarded as "outcome unknown" and gets its History entry — instead of
 * knowing nothing of it.
 */

/** What the History needs of a call the app ended under: the attempt as it was being sent. */
export const PlacingNoteSchema = z.object({
  intent: CallIntentSchema,
  profileId: z.string().nullable(),
  body: OutboundRequestSchema,
  apiVersion: ApiVersionSchema.nullable(),
  contactId: z.string().nullable(),
});
export type PlacingNote = z.infer<typeof PlacingNoteSchema>;

/** A call whose outcome is unknown, by number; `placing` while its POST is out (written before it leaves). */
export interface UncertainCall {
  e164: string;
  at: string;
  requestId: string;
  /** the attempt being sent (checked with PlacingNoteSchema when read back) */
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
  /** how the History recorded this card's call, if it did ('placed', 'unknown'…): read for calls found `placing` at start */
  recordedOutcome?(requestId: string): string | null;
  /** a call the app ended under, with no History entry: recorded now as outcome unknown, at the time it was sent */
  endedUnder?(note: PlacingNote, at: string): void;
}

/** the handle of one POST written down before it leaves: exactly one of its three ends is called */
export interface Placing {
  /** Feather answered: struck off (written after the window has the answer); a resend's earlier guard lifts too */
  answered(): void;
  /** certainly not placed (a refusal, offline): as before the POST */
  refused(): void;
  /** the outcome stays unknown: guarded from now */
  unknown(): void;
}

export function createUncertainCalls(deps: UncertainCallsDeps) {
  const { now, windowMs } = deps;
  let calls: UncertainCall[] = [];
  try {
    calls = deps.store?.load() ?? [];
  } catch (error) {
    deps.log?.(`could not read the recent uncertain calls: ${error instanceof Error ? error.message : String(error)}`);
  }

  function save() {
    try {
      deps.store?.save(calls);
    } catch (error) {
      deps.log?.(`could not save the recent uncertain calls: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  /** a strike-off after an answer: written once the window has it (a crash before then is sorted out at the next start) */
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  function saveSoon() {
    saveTimer ??= setTimeout(() => {
      saveTimer = null;
      save();
    }, 0);
  }

  const live = (c: UncertainCall) => c.placing !== undefined || now().getTime() - Date.parse(c.at) < windowMs;
  function keep(next: UncertainCall[], when: 'now' | 'soon') {
    calls = next.filter(live);
    if (when === 'now') save();
    else saveSoon();
  }

  // Calls still `placing` in the file were out when the app last ended: their outcome is unknown,
  // unless the History has their answer (the app ended after it, before the strike-off was written).
  if (calls.some((c) => c.placing !== undefined)) {
    keep(
      calls.flatMap((c) => {
        if (c.placing === undefined) return [c];
        const guard = { e164: c.e164, at: c.at, requestId: c.requestId };
        const recorded = deps.recordedOutcome?.(c.requestId) ?? null;
        if (recorded && recorded !== 'unknown') return [];
        const note = PlacingNoteSchema.safeParse(c.placing);
        if (!recorded && note.success) {
          try {
            deps.endedUnder?.(note.data, c.at);
          } catch (error) {
            deps.log?.(`could not record a call the app ended under: ${error instanceof Error ? error.message : String(error)}`);
          }
        } else if (!recorded) deps.log?.(`a call the app ended under could not be read back for the history (${c.requestId})`);
        return [guard];
      }),
      'now',
    );
  }

  /** the guarded calls: outcome unknown, in the window (a POST still out is not one) */
  const recent = () => calls.filter((c) => c.placing === undefined && live(c));

  return {
    /** a call to this number in the last minutes whose outcome is unknown (not this card's) */
    about(e164: string, exceptRequestId?: string): UncertainCall | null {
      return recent().find((c) => c.e164 === e164 && c.requestId !== exceptRequestId) ?? null;
    },

    /** this card's call has an unknown outcome: it never posts again (also after a restart forgot its attempt) */
    isUnknown(requestId: string): boolean {
      return calls.some((c) => c.requestId === requestId && c.placing === undefined);
    },

    /** Writes the call down before its POST leaves (a synchronous write: the POST waits for it). */
    placing(e164: string, requestId: string, note: PlacingNote): Placing {
      const before = calls.find((c) => c.requestId === requestId && c.placing === undefined) ?? null;
      keep([...calls.filter((c) => c.requestId !== requestId), { e164, at: now().toISOString(), requestId, placing: note }], 'now');
      const others = () => calls.filter((c) => c.requestId !== requestId);
      return {
        answered: () => keep(others(), before ? 'now' : 'soon'),
        // a resend Feather refused says nothing about the first request: its guard stays as it was
        refused: () => keep(before ? [...others(), before] : others(), 'soon'),
        unknown: () => keep([...others(), { e164, at: now().toISOString(), requestId }], 'now'),
      };
    },

    /** the outcome of this card's call is known now (settled from the history): the guard lifts */
    settle(requestId: string) {
      if (calls.some((c) => c.requestId === requestId && c.placing === undefined))
        keep(
          calls.filter((c) => c.requestId !== requestId || c.placing !== undefined),
          'now',
        );
    },

    /** a strike-off waiting for its write is written now (close) */
    flush() {
      if (!saveTimer) return;
      clearTimeout(saveTimer);
      saveTimer = null;
      save();
    },
  };
}
