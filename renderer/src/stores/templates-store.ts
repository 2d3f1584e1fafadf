import { useEffect } from 'react';
import type { Template } from '../../../shared/templates/template';
import { api } from '../api';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

/** Saved templates: listed once, then kept by `templates:changed` (main sends the whole list). */
export const templatesStore = createStore<{ templates: Template[]; loaded: boolean }>({ templates: [], loaded: false });

let started = false;
export function startTemplates() {
  if (started) return;
  started = true;
  onEvent('templates:changed', (templates) => templatesStore.set({ templates, loaded: true }));
  void api()
    .templates.list({})
    .then((r) => r.ok && templatesStore.set((s) => (s.loaded ? s : { templates: r.value, loaded: true })));
}

/** The templates; the store starts (and asks main) with the first screen that reads them. */
export function useTemplates() {
  useEffect(startTemplates, []);
  return useStore(templatesStore);
}

/** What a save or duplicate answered, shown at once (the event with the whole list follows). */
export const upsertTemplate = (template: Template) =>
  templatesStore.set((s) => ({
    ...s,
    templates: s.templates.some((t) => t.id === template.id)
      ? s.templates.map((t) => (t.id === template.id ? template : t))
      : [...s.templates, template],
  }));

export const dropTemplate = (id: string) => templatesStore.set((s) => ({ ...s, templates: s.templates.filter((t) => t.id !== id) }));
