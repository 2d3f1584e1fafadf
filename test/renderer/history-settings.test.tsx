// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/contract';
import { defaultPreferences, PreferencesPatchSchema, type PreferencesPatch } from '../../shared/preferences';
import type { AppError } from '../../shared/result';
import { HistorySection } from '../../renderer/src/screens/settings/history-section';

/**
 * Settings → History: each value goes to main as a `history` patch; a number main refuses shows
 * main's own message (its schema's, as the IPC dispatcher reports it by field) under that field.
 */

afterEach(cleanup);

const view = (): AppStatus['preferences'] => ({
  ...defaultPreferences(),
  shortcuts: {
    palette: { accelerator: 'CommandOrControl+Shift+Space', registered: true, problem: null, note: null },
    clipboard: { accelerator: '', registered: false, problem: null, note: null },
  },
  policy: null,
});

/** main's `app:setPreferences`: the request checked against the contract, as ipc-dispatch.ts does (field path → message) */
function setPreferences(patch: PreferencesPatch): AppError | null {
  const parsed = PreferencesPatchSchema.safeParse(patch);
  if (parsed.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.')] = issue.message;
  return { code: 'invalid_request', message: 'The request was not in the expected form.', fields };
}

function Harness({ sent }: { sent: PreferencesPatch[] }) {
  const [prefs, setPrefs] = useState(view());
  return (
    <HistorySection
      preferences={prefs}
      onChange={async (patch) => {
        sent.push(patch);
        const error = setPreferences(patch);
        if (!error) setPrefs((p) => ({ ...p, history: { ...p.history, ...patch.history } }));
        return error;
      }}
    />
  );
}

describe('Settings → History', () => {
  it('saves a number on Enter or when the field is left; one main refuses shows main’s message at the field', async () => {
    const sent: PreferencesPatch[] = [];
    render(<Harness sent={sent} />);
    const days = screen.getByRole('spinbutton', { name: 'Keep calls for (days)' });
    expect((days as HTMLInputElement).value).toBe('90');
    await userEvent.clear(days);
    await userEvent.type(days, '0{Enter}');
    expect(sent.at(-1)).toEqual({ history: { retentionDays: 0 } });
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(days.getAttribute('aria-describedby')!.split(' ')[1]!);
    expect(error?.textContent).toBe('Keep at least 1 day.');
    expect((days as HTMLInputElement).value).toBe('0'); // what was typed stays, to fix

    await userEvent.clear(days);
    await userEvent.type(days, '30');
    fireEvent.blur(days);
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBeNull());
    expect(sent.at(-1)).toEqual({ history: { retentionDays: 30 } });
    expect((days as HTMLInputElement).value).toBe('30');

    const max = screen.getByRole('spinbutton', { name: 'Keep at most (calls)' });
    await userEvent.clear(max);
    await userEvent.type(max, '5000000{Enter}');
    await waitFor(() => expect(screen.getByText('At most 1,000,000 calls.')).toBeTruthy());
    expect(max.getAttribute('aria-invalid')).toBe('true');
    // nothing typed is not sent
    const before = sent.length;
    await userEvent.clear(max);
    fireEvent.blur(max);
    expect(sent).toHaveLength(before);
    expect(screen.getByText('Enter a number.')).toBeTruthy();
  });

  it('the two toggles send their patch', async () => {
    const sent: PreferencesPatch[] = [];
    render(<Harness sent={sent} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Keep variable values in the history' }));
    expect(sent.at(-1)).toEqual({ history: { keepVariableValues: false } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Notify me when a call ends' }));
    expect(sent.at(-1)).toEqual({ history: { notifyOnEnd: false } });
    expect((screen.getByRole('checkbox', { name: 'Notify me when a call ends' }) as HTMLInputElement).checked).toBe(false);
  });
});
