import type { StreamCheck } from '../../../src/kit/define-check.js';

export declare const countsRecords: StreamCheck;
export declare const throwsOnRoot: StreamCheck;
export declare const throwsInMerge: StreamCheck;
declare const checks: StreamCheck[];
export default checks;
