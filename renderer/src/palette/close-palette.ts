/** Esc on the search (or Done after a call): the palette goes away (main hides the window; it is not destroyed). */
export const closePalette = () => window.close();
