export { launchChromium, chromiumPath, type ChromiumSession } from './chromium.js';
export { startPreviewServer, editorDir, type PreviewServer } from './preview-server.js';
export { startFixtureServer, fixturesDir } from './fixture-server.js';
export {
  watchLongTasks,
  longTasksSince,
  longFrames,
  openTemplate,
  waitForArrangement,
  waitForNodePreview,
  drawOnDigitPad,
  sevenStroke,
  oneStroke,
  classProbabilities,
  type LongTask,
  type LongFrame,
} from './editor-page.js';
