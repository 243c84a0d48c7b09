/** The popup's view model: plain TypeScript, testable without Preact or a browser. */
export * from './draft';
export * from './draft-export';
export * from '../../core/export/export-status';
export * from '../../core/export/export-view';
export * from './header-lines';
export * from './edit';
export * from './review';
export * from './site';
export * from './session';
export { addedHeaderNames, needsCorsWarning } from './cors';
