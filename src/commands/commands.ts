/* global Office */

// Ribbon command runtime (FunctionFile). The only ribbon button uses the ShowTaskpane action,
// so no functions are registered here yet; add them with Office.actions.associate(...) when needed.
Office.onReady(() => {
  // Office.js is ready.
});
