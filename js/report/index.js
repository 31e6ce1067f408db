// `shopkeeper/report`: the lift report of campaigns with a holdout, for scripts that want the
// numbers rather than the command line (`shopkeeper report`).

export { REPORT_DEFAULTS, reportSettings } from './analyze.js';
export { bootstrapRatioLift } from './bootstrap.js';
export { toHtml } from './html.js';
export { toMarkdown } from './markdown.js';
export { buildReport } from './report.js';
export { splitsFromRules } from './splits.js';
export { conversionLift, erfc, normalQuantile, sampleRatioMismatch } from './stats.js';
