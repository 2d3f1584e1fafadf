// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppStatus } from '../../shared/contract';
import { defaultPreferences, type PreferencesPatch } from '../../shared/preferences';
import { DesktopSection } from '../../renderer/src/screens/settings/desktop-section';

/** Settings → On the desktop: the tray and login toggles, and shortcuts with what became of them. */

afterEach(cleanup);

const view = (clipboard: Partial<AppStatus['preferences']['shortcuts']['clipboard']> = {}): AppStatus['preferences'] => ({
  ...defaultPreferences(),
  shortcuts: {
    palette: { accelerator: 'CommandOrControl+Shift+Space', registered: true, problem: null, note: null },
    clipboard: { accelerator: 'CommandOrControl+Shift+D', registered: true, problem: null, note: null, ...clipboard },
  },
  policy: null,
});

describe('DesktopSection', () => {
  it('a shortcut another app holds is said on its field, with others to choose in one click', async () => {
    const patches: PreferencesPatch[] = [];
    render(
      <DesktopSection
        preferences={view({ registered: false, problem: 'Another app already uses this shortcut. Choose another one.' })}
        onChange={async (patch) => (patches.push(patch), null)}
      />,
    );
    const field = screen.getByLabelText('Call the number on the clipboard');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Another app already uses this shortcut. Choose another one.')).toBeTruthy();
    expect(screen.getByText('Active: CommandOrControl+Shift+Space')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'CommandOrControl+Alt+D' }));
    expect(patches).toEqual([{ launcher: { clipboardShortcut: 'CommandOrControl+Alt+D' } }]);
  });

  it('where there are no global shortcuts (the browser preview) it says so, without an error to fix', () => {
    render(
      <DesktopSection
        preferences={view({ registered: false, note: 'Global shortcuts need the desktop app.' })}
        onChange={async () => null}
      />,
    );
    expect(screen.getByText('Not active: Global shortcuts need the desktop app.')).toBeTruthy();
    expect(screen.getByLabelText('Call the number on the clipboard').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(/Try instead/)).toBeNull();
  });

  it('the toggles send their preference; a typed shortcut is saved with Enter', async () => {
    const patches: PreferencesPatch[] = [];
    render(<DesktopSection preferences={view()} onChange={async (patch) => (patches.push(patch), null)} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Start at login' }));
    const palette = screen.getByLabelText('Palette shortcut');
    await userEvent.clear(palette);
    await userEvent.type(palette, 'Alt+Shift+Space{Enter}');
    expect(patches).toEqual([{ launcher: { startAtLogin: true } }, { launcher: { paletteShortcut: 'Alt+Shift+Space' } }]);
  });

  it('a toggle the OS refused says why under it, and stays as it was', async () => {
    render(<DesktopSection preferences={view()} onChange={async () => 'Could not turn on start at login: the system said EACCES.'} />);
    const box = screen.getByRole('checkbox', { name: 'Start at login' });
    await userEvent.click(box);
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Could not turn on start at login: the system said EACCES.')).toBeTruthy();
  });

  it('the clipboard shortcut is off until chosen, with shortcuts to turn it on in one click', async () => {
    const patches: PreferencesPatch[] = [];
    render(
      <DesktopSection
        preferences={{
          ...view(),
          shortcuts: { ...view().shortcuts, clipboard: { accelerator: '', registered: false, problem: null, note: null } },
        }}
        onChange={async (patch) => (patches.push(patch), null)}
      />,
    );
    expect(screen.getByText('Off.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'CommandOrControl+Alt+D' }));
    expect(patches).toEqual([{ launcher: { clipboardShortcut: 'CommandOrControl+Alt+D' } }]);
  });
});
