import type { TemplateDraft } from './template';

/** A new template as the editor starts it (zod-free, for the window). */
export const emptyTemplateDraft = (): TemplateDraft => ({
  name: '',
  description: '',
  defaultCaller: null,
  variables: [],
});
