// What build.mjs sets per build. The script-tag bundle and its parts (dist/swap.js,
// dist/swap-<part>.js) are built with __CALLTRK_SCRIPT_TAG__ true; the module build, the
// server and the tests see it undefined.
declare const __CALLTRK_SCRIPT_TAG__: boolean | undefined;

/**
 * Whether an instance can be undone. Only the module build's createCallTrk() handles have
 * destroy() (docs/protocol.md#2-public-javascript-api-windowcalltrk); `window.CallTrk` lives
 * as long as its page, so the script-tag build leaves out the code that takes an instance
 * back (docs/performance.md#size).
 */
export const DESTROYABLE = !(typeof __CALLTRK_SCRIPT_TAG__ == "boolean" && __CALLTRK_SCRIPT_TAG__);
