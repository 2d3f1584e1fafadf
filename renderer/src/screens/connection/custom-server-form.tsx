import { useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../../components/field-error';

interface Props {
  initialBaseUrl: string;
  busy: boolean;
  error: AppError | null;
  /** adds (named) or opens (unnamed) the server and makes it the one in use; true when it did */
  onUse(name: string, baseUrl: string): Promise<boolean>;
}

/** Custom server: a base URL (and a name to keep it by); "Use this server" is the explicit switch. */
export function CustomServerForm({ initialBaseUrl, busy, error, onUse }: Props) {
  const [baseUrl, setBaseUrl] = useState(initialBaseUrl);
  const [name, setName] = useState('');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void onUse(name, baseUrl).then((used) => used && setName(''));
      }}
    >
      <div className="field">
        <label htmlFor="profile-name">Name (optional)</label>
        <input
          id="profile-name"
          placeholder="Production"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.fields?.profileName ? true : undefined}
          aria-describedby={error?.fields?.profileName ? 'profileName-error' : undefined}
        />
        <FieldError id="profileName-error" message={error?.fields?.profileName} />
      </div>
      <div className="field grow">
        <label htmlFor="base-url">Base URL</label>
        <input
          id="base-url"
          type="url"
          spellCheck={false}
          placeholder="https://api.your-company.featherhq.com"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          aria-invalid={error?.fields?.baseUrl ? true : undefined}
          aria-describedby={error?.fields?.baseUrl ? 'baseUrl-error' : undefined}
        />
        <FieldError id="baseUrl-error" message={error?.fields?.baseUrl} />
      </div>
      <button type="submit" className="secondary align-end" aria-disabled={busy || undefined}>
        Use this server
      </button>
    </form>
  );
}
