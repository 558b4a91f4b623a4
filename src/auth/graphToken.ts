/**
 * Sign-in for Microsoft Graph from the task pane: MSAL.js nested app authentication (NAA).
 *
 *  - `createNestablePublicClientApplication({auth: {clientId, authority: ".../common"}})` uses the
 *    Office host as the broker where the host supports NAA, and falls back to MSAL's standard
 *    browser flows elsewhere (both need the app registration's SPA redirect URIs:
 *    `brk-multihub://<add-in origin>` and the task pane page).
 *  - The first token comes from `ssoSilent({scopes, loginHint})`, the hint being the Office
 *    account (`Office.auth.getAuthContext().userPrincipalName`, NestedAppAuth 1.1) when the host
 *    can tell; later tokens from `acquireTokenSilent({scopes, account})` (MSAL's cache, refreshed
 *    by MSAL). When either says interaction is required (`InteractionRequiredAuthError`: consent,
 *    MFA, expired session) a popup asks the person; a popup refused, closed or blocked becomes a
 *    `PaneError` in Vietnamese and English.
 *  - `@azure/msal-browser` is loaded with a dynamic `import()`, so webpack puts it in a chunk of
 *    its own that is fetched the first time someone signs in: the pane's main bundle stays small
 *    and a planner who only uses the local list server never downloads it.
 *
 * The result is a `TokenProvider` for the GraphClient (`forceRefresh` after a 401 skips MSAL's
 * cached access token).
 *
 * The application (client) id is not a secret and is not known at build time here: the pane
 * asks for it ("Application (client) ID") and keeps it in the workbook settings.
 * `PLACEHOLDER_CLIENT_ID` is the documented default that means "not set yet".
 */
import type { AccountInfo, AuthenticationResult, Configuration, IPublicClientApplication } from "@azure/msal-browser";
import { PaneError } from "../taskpane/annexService";

export const GRAPH_SCOPES = ["Sites.ReadWrite.All"];
export const AUTHORITY = "https://login.microsoftonline.com/common";
/** The default in the settings field: an all-zero GUID, which no app registration has. */
export const PLACEHOLDER_CLIENT_ID = "00000000-0000-0000-0000-000000000000";

/** What this module uses of `@azure/msal-browser` (tests hand in a stub with the same shape). */
export interface MsalModule {
  createNestablePublicClientApplication(configuration: Configuration): Promise<IPublicClientApplication>;
  InteractionRequiredAuthError: abstract new (...args: never[]) => Error;
}

/** What `Office.auth.getAuthContext()` gives that is used here. */
export interface AuthContextLike {
  userPrincipalName?: string;
}

export interface GraphTokenOptions {
  clientId: string;
  scopes?: string[];
  /** Loads MSAL (default: a dynamic import, its own webpack chunk). */
  loadMsal?: () => Promise<MsalModule>;
  /** The Office account's hint (default: `Office.auth.getAuthContext()` when the host supports it). */
  getAuthContext?: () => Promise<AuthContextLike | null>;
}

export interface GraphTokenProvider {
  (options?: { forceRefresh?: boolean }): Promise<string>;
  /** The signed-in account's display name or user name, once signed in. */
  account(): { name: string; username: string } | null;
}

export class SignInError extends PaneError {
  constructor(
    vi: string,
    en: string,
    readonly code: string,
  ) {
    super(vi, en);
    this.name = "SignInError";
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUsableClientId(clientId: string | null | undefined): clientId is string {
  return typeof clientId === "string" && GUID.test(clientId.trim()) && clientId.trim() !== PLACEHOLDER_CLIENT_ID;
}

/** `@azure/msal-browser`, fetched on first use as its own chunk. */
export function loadMsalBrowser(): Promise<MsalModule> {
  return import(/* webpackChunkName: "msal" */ "@azure/msal-browser") as Promise<unknown> as Promise<MsalModule>;
}

/** The Office account, when the host supports nested app authentication (NestedAppAuth 1.1). */
export async function officeAuthContext(): Promise<AuthContextLike | null> {
  try {
    const office = (globalThis as { Office?: typeof Office }).Office;
    if (!office?.auth?.getAuthContext) return null;
    if (office.context?.requirements && !office.context.requirements.isSetSupported("NestedAppAuth", "1.1")) return null;
    return await office.auth.getAuthContext();
  } catch {
    // No hint: ssoSilent still tries the host's account, and the popup asks if needed.
    return null;
  }
}

function errorCode(error: unknown): string {
  const e = error as { errorCode?: unknown; code?: unknown } | null;
  if (e && typeof e.errorCode === "string") return e.errorCode;
  if (e && typeof e.code === "string") return e.code;
  return "unknown";
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The person-facing error for a sign-in that did not complete. */
export function signInFailure(error: unknown): SignInError {
  const code = errorCode(error);
  if (code === "user_cancelled" || code === "popup_window_error" || code === "empty_window_error" || code === "access_denied") {
    return new SignInError(
      "Chưa đăng nhập được: cửa sổ đăng nhập Microsoft 365 đã bị đóng, bị chặn hoặc quyền truy cập bị từ chối. Hãy cho phép cửa sổ bật lên rồi bấm “Đăng nhập” lại; nếu tổ chức chưa cấp quyền Sites.ReadWrite.All cho ứng dụng, hãy liên hệ quản trị viên.",
      "Not signed in: the Microsoft 365 sign-in window was closed, blocked or access was refused. Allow pop-ups and choose “Sign in” again; if your organisation has not granted the app Sites.ReadWrite.All, contact your administrator.",
      code,
    );
  }
  return new SignInError(
    `Không đăng nhập được vào Microsoft 365 (${code}). Kiểm tra mã ứng dụng (Application (client) ID) và kết nối mạng rồi thử lại.`,
    `Could not sign in to Microsoft 365 (${code}: ${describe(error)}). Check the Application (client) ID and the network, then try again.`,
    code,
  );
}

export function missingClientIdError(): SignInError {
  return new SignInError(
    "Chưa có mã ứng dụng (Application (client) ID) để đăng nhập SharePoint. Hãy nhập mã của ứng dụng đã đăng ký trong Microsoft Entra ID (quản trị viên cung cấp).",
    "No Application (client) ID to sign in to SharePoint. Enter the ID of the app registered in Microsoft Entra ID (your administrator has it).",
    "missingClientId",
  );
}

/**
 * A token provider for Microsoft Graph. Nothing happens until the first call: then MSAL is
 * loaded, the client created, and the person signed in (silently when the host can).
 */
export function createGraphTokenProvider(options: GraphTokenOptions): GraphTokenProvider {
  const clientId = options.clientId.trim();
  const scopes = options.scopes ?? GRAPH_SCOPES;
  const loadMsal = options.loadMsal ?? loadMsalBrowser;
  const getAuthContext = options.getAuthContext ?? officeAuthContext;
  let setup: Promise<{ msal: MsalModule; pca: IPublicClientApplication }> | null = null;
  let account: AccountInfo | null = null;

  const client = () => {
    setup ??= (async () => {
      const msal = await loadMsal();
      const pca = await msal.createNestablePublicClientApplication({ auth: { clientId, authority: AUTHORITY } });
      return { msal, pca };
    })().catch((error: unknown) => {
      setup = null; // a failed load (offline) is tried again next time
      throw error instanceof PaneError ? error : signInFailure(error);
    });
    return setup;
  };

  const needsInteraction = (msal: MsalModule, error: unknown): boolean =>
    error instanceof msal.InteractionRequiredAuthError || (error as { name?: unknown } | null)?.name === "InteractionRequiredAuthError";

  const popup = async (pca: IPublicClientApplication, loginHint: string | undefined): Promise<AuthenticationResult> => {
    try {
      return await pca.acquireTokenPopup({ scopes, ...(loginHint ? { loginHint } : {}) });
    } catch (error) {
      throw signInFailure(error);
    }
  };

  const take = (result: AuthenticationResult): string => {
    if (result.account) account = result.account;
    return result.accessToken;
  };

  /** The first sign-in: silent with the Office account's hint, else a popup. Shared by concurrent callers. */
  let signingIn: Promise<string> | null = null;
  const signIn = async (msal: MsalModule, pca: IPublicClientApplication): Promise<string> => {
    const context = await getAuthContext();
    const loginHint = context?.userPrincipalName || undefined;
    try {
      return take(await pca.ssoSilent({ scopes, ...(loginHint ? { loginHint } : {}) }));
    } catch (error) {
      if (!needsInteraction(msal, error)) throw signInFailure(error);
      return take(await popup(pca, loginHint));
    }
  };

  const provider = (async (request?: { forceRefresh?: boolean }) => {
    if (!isUsableClientId(clientId)) throw missingClientIdError();
    const { msal, pca } = await client();
    if (account) {
      try {
        return take(await pca.acquireTokenSilent({ scopes, account, forceRefresh: request?.forceRefresh === true }));
      } catch (error) {
        if (!needsInteraction(msal, error)) throw signInFailure(error);
        return take(await popup(pca, account.username));
      }
    }
    signingIn ??= signIn(msal, pca).finally(() => {
      signingIn = null;
    });
    return signingIn;
  }) as GraphTokenProvider;

  provider.account = () => (account ? { name: account.name ?? account.username, username: account.username } : null);
  return provider;
}
