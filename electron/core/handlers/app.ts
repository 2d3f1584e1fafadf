import type { AppStatus, ResponseOf } from '../../../shared/contract';
import { isSupportedCountry } from '../../../shared/phone';
import { AppFailure } from '../../../shared/result';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { Document } from '../json-store';
import type { Settings } from '../settings';

export interface AppHandlerDeps {
  settings: Pick<Document<Settings>, 'value' | 'save'>;
  /** the status every app and connection answer carries */
  status(): AppStatus;
}

/** `app:*` — the launcher's status and its settings. */
export function createAppHandlers({ settings, status }: AppHandlerDeps) {
  async function handleAppStatus(): Promise<ResponseOf<'app', 'status'>> {
    return status();
  }

  async function handleAppSetDefaultCountry({ country }: ParsedRequestOf<'app', 'setDefaultCountry'>): Promise<ResponseOf<'app', 'setDefaultCountry'>> {
    const code = country.toUpperCase();
    if (!isSupportedCountry(code)) {
      throw new AppFailure({ code: 'validation', message: 'Unknown country.', fields: { defaultCountry: 'Choose a country from the list.' } });
    }
    settings.save({ ...settings.value, defaultCountry: code });
    return status();
  }

  return {
    status: handleAppStatus,
    setDefaultCountry: handleAppSetDefaultCountry,
  } satisfies DomainHandlers<'app'>;
}
