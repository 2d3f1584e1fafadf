// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { submitOnEnter } from '../../renderer/src/components/submit-on-enter';

/** Enter in a form's text field: submitted through the form's own submit button, never through a picker's hidden Dismiss button. */

afterEach(cleanup);

function Form({ onSubmit, busy = false, listOpen = false }: { onSubmit: () => void; busy?: boolean; listOpen?: boolean }) {
  return (
    <form
      aria-label="Contact"
      onKeyDown={submitOnEnter}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <label>
        Name <input />
      </label>
      {/* what React Aria puts around an open list: a typeless button, so the form's first submit button */}
      {listOpen ? <button aria-label="Dismiss" tabIndex={-1} /> : null}
      <button type="submit" disabled={busy}>
        Save
      </button>
    </form>
  );
}

describe('Enter in a text field', () => {
  it('submits once, through the form’s own submit button, while a picker’s list is open too', () => {
    const saved = vi.fn();
    render(<Form onSubmit={saved} listOpen />);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: 'Enter' });
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('does not submit while the submit button is disabled (a save running), nor again for a held key', () => {
    const saved = vi.fn();
    const { rerender } = render(<Form onSubmit={saved} busy />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(saved).not.toHaveBeenCalled();
    rerender(<Form onSubmit={saved} />);
    fireEvent.keyDown(name, { key: 'Enter', repeat: true });
    expect(saved).not.toHaveBeenCalled();
  });

  it('leaves an Enter a picker used (choosing an option) alone', () => {
    const saved = vi.fn();
    render(<Form onSubmit={saved} />);
    const name = screen.getByRole('textbox', { name: 'Name' });
    name.addEventListener('keydown', (e) => e.preventDefault());
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(saved).not.toHaveBeenCalled();
  });
});
