/** Shared-list sync: Graph client, field mapping, three-way merge, outbox. Host-agnostic (no Office, DOM or Node imports). */
export * from "./graphClient";
export * from "./fields";
export * from "./merge";
export * from "./state";
export * from "./workbook";
export * from "./engine";
export * from "./listUrl";
export * from "./report";
export * from "./identity";
export * from "./plan";
export { ListGoneError } from "./listAccess";
export * from "./stateSheet";
export * from "./resolveList";
