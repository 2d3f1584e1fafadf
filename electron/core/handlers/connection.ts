import type { AppStatus, ResponseOf } from '../../../shared/contract';
import type { DirectoryService } from '../feather/directory';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { Profiles } from '../connection/profiles';

export interface ConnectionHandlerDeps {
  profiles: Pick<Profiles, 'use' | 'saveKey' | 'removeKey' | 'verifyActive' | 'addProfile' | 'switchTo' | 'removeProfile'>;
  directory: Pick<DirectoryService, 'forget'>;
  /** the status every app and connection answer carries */
  status(): AppStatus;
}

/** `connection:*` — which Feather server calls go to, and its key (kept in the keychain). */
export function createConnectionHandlers({ profiles, directory, status }: ConnectionHandlerDeps) {
  async function handleConnectionUse(request: ParsedRequestOf<'connection', 'use'>): Promise<ResponseOf<'connection', 'use'>> {
    profiles.use(request);
    return status();
  }

  async function handleConnectionSaveKey({
    profileId,
    apiKey,
  }: ParsedRequestOf<'connection', 'saveKey'>): Promise<ResponseOf<'connection', 'saveKey'>> {
    await profiles.saveKey(profileId, apiKey);
    return status();
  }

  async function handleConnectionRemoveKey({
    profileId,
  }: ParsedRequestOf<'connection', 'removeKey'>): Promise<ResponseOf<'connection', 'removeKey'>> {
    await profiles.removeKey(profileId);
    return status();
  }

  async function handleConnectionVerify(): Promise<ResponseOf<'connection', 'verify'>> {
    await profiles.verifyActive();
    return status();
  }

  async function handleConnectionAddProfile({
    name,
    baseUrl,
  }: ParsedRequestOf<'connection', 'addProfile'>): Promise<ResponseOf<'connection', 'addProfile'>> {
    profiles.addProfile(name, baseUrl);
    return status();
  }

  async function handleConnectionSwitchProfile({
    profileId,
  }: ParsedRequestOf<'connection', 'switchProfile'>): Promise<ResponseOf<'connection', 'switchProfile'>> {
    profiles.switchTo(profileId);
    return status();
  }

  async function handleConnectionRemoveProfile({
    profileId,
  }: ParsedRequestOf<'connection', 'removeProfile'>): Promise<ResponseOf<'connection', 'removeProfile'>> {
    await profiles.removeProfile(profileId);
    directory.forget(profileId);
    return status();
  }

  return {
    use: handleConnectionUse,
    saveKey: handleConnectionSaveKey,
    removeKey: handleConnectionRemoveKey,
    verify: handleConnectionVerify,
    addProfile: handleConnectionAddProfile,
    switchProfile: handleConnectionSwitchProfile,
    removeProfile: handleConnectionRemoveProfile,
  } satisfies DomainHandlers<'connection'>;
}
