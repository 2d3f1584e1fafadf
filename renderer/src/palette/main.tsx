import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PaletteApp } from './palette-app';
import '../styles.css';
import './palette.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PaletteApp />
  </StrictMode>,
);
