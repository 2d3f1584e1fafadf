import type { DialState } from '../../dial/dial-state';
import type { AppError } from '../../../../shared/result';

/**
 * A refusal with messages by field (Feather's 422, or main's own checks) says each message once: at
 * its field when the form shows that field, otherwise in the list here. The card's line only says
 * what happened and which fields are marked.
 */

/** The form shows a message for this field (under To number, From number, Agent/Team ID, a variable row). */
export function shownOnForm(field: string, state: Pick<DialState, 'draft' | 'plan'>): boolean {
  const { draft, plan } = state;
  if (field === 'toNumber' || field === 'fromNumberId') return true;
  if (field === 'agentId') return draft.caller.mode === 'agent';
  if (field === 'teamId') return draft.caller.mode === 'team';
  if (field === 'contextVariables') return !draft.templateId;
  const row = /^contextVariables\.(\d+)$/.exec(field);
  if (!row) return false;
  const rows = draft.templateId ? (plan?.template?.id === draft.templateId ? plan.template.rows.length : 0) : draft.contextVariables.length;
  return Number(row[1]) < rows;
}

const listOf = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? ''));

export function Refusal({ error, shownAt }: { error: AppError; shownAt(field: string): boolean }) {
  const fields = Object.entries(error.fields ?? {});
  if (fields.length === 0) return <p>{error.message}</p>;
  const nameOf = (field: string) => error.fieldNames?.[field] ?? field;
  const marked = fields.filter(([field]) => shownAt(field));
  const elsewhere = fields.filter(([field]) => !shownAt(field));
  // main's sentence often is the fields' messages again (Feather's 422 text), or only points at them: then the card names the fields itself
  const repeats = /marked field/i.test(error.message) || fields.some(([, message]) => message && error.message.includes(message));
  const refused = error.httpStatus === 422 ? 'Feather refused some values' : 'Not called';
  const see = marked.length ? `see the marked field${marked.length > 1 ? 's' : ''}: ${listOf(marked.map(([f]) => nameOf(f)))}.` : '';
  const head = repeats
    ? `${refused}${see ? `; ${see}` : elsewhere.length ? ':' : '.'}`
    : `${error.message}${see ? ` ${see[0]!.toUpperCase()}${see.slice(1)}` : ''}`;
  return (
    <>
      <p>{head}</p>
      {elsewhere.length > 0 ? (
        <ul className="rejected" aria-label={error.httpStatus === 422 ? 'What Feather rejected' : 'What needs fixing'}>
          {elsewhere.map(([field, message]) => (
            <li key={field}>
              <strong>{nameOf(field)}:</strong> {message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
