// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/contract';
import { defaultPreferences, type PreferencesPatch } from '../../shared/preferences';
import { CallingRulesSection } from '../../renderer/src/screens/settings/calling-rules-section';

/** Settings → Calling rules: labelled controls that send a guards patch; bad times are explained and not sent. */

afterEach(cleanup);

const view = (policy: AppStatus['preferences']['policy'] = null): AppStatus['preferences'] => ({
  ...defaultPreferences(),
  shortcuts: {
    palette: { accelerator: 'CommandOrControl+Shift+Space', registered: true, problem: null, note: null },
    clipboard: { accelerator: 'CommandOrControl+Shift+D', registered: true, problem: null, note: null },
  },
  policy,
});

/** The section over preferences that follow its patches, as main's status event would. */
function Harness({ patches, policy }: { patches: PreferencesPatch[]; policy?: AppStatus['preferences']['policy'] }) {
  const [prefs, setPrefs] = useState(view(policy));
  return (
    <CallingRulesSection
      preferences={prefs}
      onChange={(patch) => {
        patches.push(patch);
        setPrefs((p) => ({ ...p, guards: { ...p.guards, ...patch.guards } }));
      }}
    />
  );
}

describe('CallingRulesSection', () => {
  it('changes hours, days and the number types to ask about, each through a labelled control', async () => {
    const patches: PreferencesPatch[] = [];
    render(<Harness patches={patches} />);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '09:30' } });
    expect(patches.at(-1)).toEqual({
      guards: { callingHours: { enabled: true, start: '09:30', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] } },
    });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Sunday' }));
    expect(patches.at(-1)?.guards?.callingHours?.days).toEqual([1, 2, 3, 4, 5, 6]);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ask before calling another country’s number' }));
    expect(patches.at(-1)).toEqual({ guards: { flagInternational: true } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ask before calling a mobile number' }));
    expect(patches.at(-1)).toEqual({ guards: { flagMobile: true } });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Ask before calling outside these hours' }));
    expect(patches.at(-1)?.guards?.callingHours?.enabled).toBe(false);
    expect((screen.getByLabelText('From') as HTMLInputElement).disabled).toBe(true);
  });

  it('a time that cannot be saved is explained next to its field and not sent', () => {
    const patches: PreferencesPatch[] = [];
    render(<Harness patches={patches} />);
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '08:00' } });
    expect(screen.getByLabelText('Until').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Choose an end different from the start.');
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter a time like 21:00.');
    expect(patches).toEqual([]);
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '06:00' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '22:00' } });
    expect(screen.getByText('Overnight: from 22:00 until 06:00 the next morning.')).toBeTruthy();
    expect(patches.at(-1)?.guards?.callingHours).toMatchObject({ start: '22:00', end: '06:00' });
  });

  it('shows the organisation’s policy read-only, with its path', () => {
    render(<Harness patches={[]} policy={{ path: '/etc/feather/policy.json', blockedTypes: ['premium-rate', 'international'] }} />);
    const shown = screen.getByRole('group', { name: 'Organisation policy' }).textContent;
    expect(shown).toContain('Blocked outright (no “Call anyway”): premium-rate, international.');
    expect(shown).toContain('From /etc/feather/policy.json, read at start.');
    cleanup();
    render(<Harness patches={[]} />);
    expect(screen.getByRole('group', { name: 'Organisation policy' }).textContent).toMatch(/^Organisation policyNo policy file\./);
  });
});
