/* global document, Office */
/**
 * The task pane's entry: the only pane code that touches `Office`. It waits for Office.js, makes
 * the Excel service (its analysis in a Web Worker), picks the language from Office's display language and renders the pane.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createExcelAnnexService } from "../excel/annexService";
import { createExcelSyncService } from "../excel/syncService";
import App from "./components/App";
import { pickLanguage } from "./i18n";
import { startAnalysisWorker } from "./worker/startAnalysisWorker";
import { createWorkerAnalyzer } from "./worker/workerAnalyzer";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) return;
  const language = pickLanguage(Office.context?.displayLanguage);
  document.documentElement.lang = language;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App
        service={createExcelAnnexService({ analyze: createWorkerAnalyzer(startAnalysisWorker) })}
        syncService={createExcelSyncService()}
        language={language}
      />
    </FluentProvider>,
  );
});
