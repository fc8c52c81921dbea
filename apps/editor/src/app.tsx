import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas.js';
import { Palette } from './palette.js';
import { Inspector } from './inspector.js';

/** The editor's frame: palette on the left, the model canvas in the middle, the inspector on the right. */
export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <header className="app-header">
          <h1>Loom</h1>
          <span className="app-tagline">build, train and inspect neural networks</span>
        </header>
        <Palette />
        <Canvas />
        <Inspector />
      </div>
    </ReactFlowProvider>
  );
}
