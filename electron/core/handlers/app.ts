import type { AppStatus, ResponseOf } from '../../../shared/contract';
import { isSupportedCountry } from '../../../shared/phone';
import { AppFailure } from '../../../shared/result';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { Document } from '../storage/json-store';
import type { Settings } from '../connection/settings';
import type { PreferencesPatch } from '../../../shared/preferences';

export interface AppHandlerDeps {
  settings: Pick<Document<Settings>, 'value' | 'save'>;
  /** the status every app and connection answer carries */
  status(): AppStatus;
  /** demo mode's samples: `ready` settles when first-start work is done (so the first status counts them); `remove` takes them away */
  samples: { ready: Promise<unknown>; remove(): Promise<void> };
  /** merges a change into the preferences, saves them and has the desktop apply them */
  setPreferences(patch: PreferencesPatch): void;
}

/** `app:*` — the launcher's status and its settings. */
export function createAppHandlers({ settings, status, samples, setPreferences }: AppHandlerDeps) {
  async function handleAppStatus(): Promise<ResponseOf<'app', 'status'>> {
    await samples.ready;
    return status();
  }

  async function handleAppRemoveSamples(): Promise<ResponseOf<'app', 'removeSamples'>> {
    await samples.remove();
    return status();
  }

  async function handleAppSetDefaultCountry({
    country,
  }: ParsedRequestOf<'app', 'setDefaultCountry'>): Promise<ResponseOf<'app', 'setDefaultCountry'>> {
    const code = country.toUpperCase();
    if (!isSupportedCountry(code)) {
      throw new AppFailure({
        code: 'validation',
        message: 'Unknown country.',
        fields: { defaultCountry: 'Choose a country from the list.' },
      });
    }
    settings.save({ ...settings.value, defaultCountry: code });
    return status();
  }

  function handleAppSetPreferences(patch: ParsedRequestOf<'app', 'setPreferences'>): ResponseOf<'app', 'setPreferences'> {
    setPreferences(patch);
    return status();
  }

  return {
    status: handleAppStatus,
    setPreferences: handleAppSetPreferences,
    setDefaultCountry: handleAppSetDefaultCountry,
    removeSamples: handleAppRemoveSamples,
  } satisfies DomainHandlers<'app'>;
}
