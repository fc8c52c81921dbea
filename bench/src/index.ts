export { measure, median, type Measurement, type MeasureOptions } from './measure.js';
export { toMarkdown } from './report.js';
