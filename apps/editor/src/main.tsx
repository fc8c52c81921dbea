import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { App } from './app.js';
import { EditorTrainingDock } from './training/training-dock.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App slots={{ inspector: <EditorTrainingDock /> }} />
  </StrictMode>,
);
