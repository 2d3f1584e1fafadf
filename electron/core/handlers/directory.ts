import type { ResponseOf } from '../../../shared/contract';
import { AppFailure } from '../../../shared/result';
import type { DirectoryService } from '../feather/directory';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { Profiles } from '../connection/profiles';
import { offeredCallers } from '../calls/caller-defaults';

export interface DirectoryHandlerDeps {
  profiles: Pick<Profiles, 'active' | 'activeClient'>;
  directory: Pick<DirectoryService, 'list' | 'refresh' | 'addManual' | 'removeManual' | 'nameNumber'>;
}

/** `directory:*` — the active profile's cached numbers, agents and teams, and their refresh from Feather. */
export function createDirectoryHandlers({ profiles, directory }: DirectoryHandlerDeps) {
  async function handleDirectoryList(): Promise<ResponseOf<'directory', 'list'>> {
    return directory.list(profiles.active().id);
  }

  async function handleDirectoryRefresh(): Promise<ResponseOf<'directory', 'refresh'>> {
    const profileId = profiles.active().id;
    let client;
    try {
      client = await profiles.activeClient();
    } catch (error) {
      if (error instanceof AppFailure) return { ...directory.list(profileId), refreshError: error.appError.message };
      throw error;
    }
    return directory.refresh(profileId, client);
  }

  async function handleDirectoryAddManual({
    kind,
    label,
    id,
  }: ParsedRequestOf<'directory', 'addManual'>): Promise<ResponseOf<'directory', 'addManual'>> {
    return directory.addManual(profiles.active().id, kind, label, id);
  }

  async function handleDirectoryRemoveManual({
    kind,
    id,
  }: ParsedRequestOf<'directory', 'removeManual'>): Promise<ResponseOf<'directory', 'removeManual'>> {
    return directory.removeManual(profiles.active().id, kind, id);
  }

  async function handleDirectoryNameNumber({
    id,
    name,
  }: ParsedRequestOf<'directory', 'nameNumber'>): Promise<ResponseOf<'directory', 'nameNumber'>> {
    return directory.nameNumber(profiles.active().id, id, name);
  }

  /** The agents and teams bound to a number for outbound calls (the template editor offers those, as the Dial card does). */
  function handleDirectoryOffered({ fromNumberId }: ParsedRequestOf<'directory', 'offered'>): ResponseOf<'directory', 'offered'> {
    return offeredCallers(directory.list(profiles.active().id), fromNumberId);
  }

  return {
    list: handleDirectoryList,
    offered: handleDirectoryOffered,
    refresh: handleDirectoryRefresh,
    addManual: handleDirectoryAddManual,
    removeManual: handleDirectoryRemoveManual,
    nameNumber: handleDirectoryNameNumber,
  } satisfies DomainHandlers<'directory'>;
}
