import type { Directory } from '../../../shared/contract';
import type { DialRequest } from '../../../shared/main-events';
import type { Template } from '../../../shared/templates/template';
import { LaunchRequestSchema, type LaunchRequest } from './launch-request';
import { needsDirectory, resolveLaunch } from './resolve-launch';

export interface LaunchDeps {
  /** the connection in use's cached directory (a link never picks the connection) */
  directory(): Pick<Directory, 'phoneNumbers' | 'agents' | 'teams' | 'fetchedAt'>;
  /** fetches the connection in use's directory (and says so to the windows); may fail: offline, no key */
  refreshDirectory(): Promise<unknown>;
  templates(): ReadonlyArray<Pick<Template, 'id' | 'name'>>;
  defaultCountry(): string;
  /** the one way a card opens from outside the window: dial:request */
  requestDial(request: DialRequest): void;
}

/**
 * `core.launch(request)` for a link or the command line (electron/main/links.ts): its names resolved
 * against the connection in use — a link never switches it — then the same dial:request as every
 * entry point: the card opens prefilled and nothing is placed until the person presses Call. Names
 * need the directory: on a first start, before it was ever fetched, one refresh runs first.
 */
export function createLaunch(deps: LaunchDeps) {
  return async function launch(request: LaunchRequest): Promise<DialRequest> {
    const checked = LaunchRequestSchema.parse(request);
    if (needsDirectory(checked) && !deps.directory().fetchedAt) {
      // no key, offline: the names stay as typed and the card says what is missing
      await deps.refreshDirectory().catch(() => null);
    }
    const dial = resolveLaunch(checked, {
      directory: deps.directory(),
      templates: deps.templates(),
      defaultCountry: deps.defaultCountry(),
    });
    deps.requestDial(dial);
    return dial;
  };
}
