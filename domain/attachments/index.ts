/** @module Attachments on contacts: what a file is (by content), its safe name, who may attach, the limits. */
export * from './content-disposition.ts';
export * from './content-type.ts';
export * from './file-name.ts';
export * from './rules.ts';
export * from './visibility.ts';
