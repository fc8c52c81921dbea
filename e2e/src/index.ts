export { launchChromium, chromiumPath, type ChromiumSession } from './chromium.js';
export { startPreviewServer, editorDir, type PreviewServer } from './preview-server.js';
export { startFixtureServer, fixturesDir } from './fixture-server.js';
