import { z } from 'zod';
import { MAX_QUEUE_EXPIRY_SECONDS } from './feather-api';

export const CallerSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('auto') }),
  z.object({ mode: z.literal('agent'), agentId: z.string().max(100) }),
  z.object({ mode: z.literal('team'), teamId: z.string().max(100) }),
]);
export type Caller = z.infer<typeof CallerSchema>;

/** A context variable typed on the card (no template): name and value as the user wrote them. */
export const VariableRowSchema = z.object({
  key: z.string().max(200),
  value: z.string().max(10_000),
});
export type VariableRow = z.infer<typeof VariableRowSchema>;

/** When the user made a choice on the card: with which template chosen (null: none). */
const UserChoiceSchema = z.object({ templateId: z.string().max(100).nullable() });
export type UserChoice = z.infer<typeof UserChoiceSchema>;

/**
 * What the user has on the Dial card, as the window sends it to main on every change
 * (`call:preview`) and with a request id to place it (`call:place`). It says what was typed and
 * chosen; main decides everything else from its own copies: whose number this is (and so whose
 * details fill the placeholders), the template's rendering, who calls by default, the exact body.
 */
export const DialDraftSchema = z.object({
  /** as typed or pasted: a number in any format, or a tel: link */
  toNumber: z.string().max(100),
  /**
   * The contact the user picked (in Contacts, or by name in the To field). A hint, not a fact:
   * main keeps it only while the number is one of that contact's; otherwise it finds the number's
   * own contact, or none.
   */
  contactId: z.string().max(100).optional(),
  fromNumberId: z.string().max(100),
  caller: CallerSchema,
  /**
   * The user chose the from-number (or went to its field) while this template was chosen: main
   * suggests no other — unless another template that names its own number has been chosen since.
   */
  fromChoice: UserChoiceSchema.nullable().optional(),
  /** The same for who calls: the user's choice outranks the contact's and template's defaults, until a template that names a caller is chosen after it. */
  callerChoice: UserChoiceSchema.nullable().optional(),
  /** typed variables; ignored when a template is chosen (main renders the template itself) */
  contextVariables: z.array(VariableRowSchema).max(200),
  /** the template that fills the variables */
  templateId: z.string().max(100).optional(),
  /**
   * Values given on the card for this call only, by variable name, for template rows whose
   * placeholders have no value (the template is not changed; a row that renders is not affected),
   * and the number they were given for: main ignores them for any other number.
   */
  oneOff: z
    .object({ forNumber: z.string().max(100), values: z.record(z.string().max(200), z.string().max(10_000)) })
    .nullable()
    .optional(),
  /** API 1.90: a queued call expires undialled after this long; absent = the organisation's default */
  expiresInSeconds: z.number().int().min(0).max(MAX_QUEUE_EXPIRY_SECONDS).optional(),
});
export type DialDraft = z.infer<typeof DialDraftSchema>;

/**
 * What a plan may ask the user to confirm with "Call anyway" (a button of its own, never Enter):
 * outside the callee's calling hours, a premium-rate or shared-cost number, and — where the
 * preferences flag them — an international or mobile number. See core's calls/guards/.
 */
export const ConfirmationKindSchema = z.enum([
  'outside_hours',
  'premium_rate',
  'shared_cost',
  'international',
  'mobile',
  // a call from this app to the number is queued or under way (the call history)
  'under_way',
  // a call to the number in the last minutes has an unknown outcome
  'recently_uncertain',
]);
export type ConfirmationKind = z.infer<typeof ConfirmationKindSchema>;

/** A draft to place: `requestId` is minted once per call card (one id places at most one call). */
export const CallIntentSchema = DialDraftSchema.extend({
  requestId: z.uuid(),
  /** API 1.90: dial at once instead of waiting in the calling-hours queue ("Call now") */
  instant: z.boolean().optional(),
  /**
   * The user confirmed, with a button of its own, calling a number whose last call had an unknown
   * outcome in the last few minutes (see the dialer's recently-uncertain guard).
   */
  confirmUncertain: z.boolean().optional(),
  /**
   * What the user confirmed with "Call anyway" / "Call now anyway" (the kinds the card listed):
   * main refuses, sending nothing, when its plan needs a confirmation that is not here.
   */
  confirmed: z.array(ConfirmationKindSchema).max(10).optional(),
  /**
   * The plan the card was armed with (`CallPreview.digest`): main refuses, placing nothing, when
   * its plan for this draft has changed since (another contact has the number now, a template was
   * edited…), so what is sent is always what the card showed.
   */
  armedWith: z.string().max(100).optional(),
  /**
   * "Call now instead" (1.90): cancel this queued call (its conversation id) first and, only once
   * Feather confirms the cancel, place this one with `instant`. Never both.
   */
  replaceQueued: z.uuid().optional(),
});
export type CallIntent = z.infer<typeof CallIntentSchema>;
