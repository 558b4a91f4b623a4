/**
 * The Graph token provider with a stubbed MSAL module: silent sign-in with the Office account's
 * hint, later tokens from MSAL's cache, a popup when interaction is required, and a refused popup
 * as a PaneError in Vietnamese and English.
 */
import {
  AUTHORITY,
  createGraphTokenProvider,
  GRAPH_SCOPES,
  loadMsalBrowser,
  officeAuthContext,
  PLACEHOLDER_CLIENT_ID,
  SignInError,
  type MsalModule,
} from "../../../src/auth/graphToken";
import { PaneError } from "../../../src/taskpane/annexService";

const CLIENT_ID = "5f0c2c1e-3a4b-4c5d-8e9f-0a1b2c3d4e5f";

class InteractionRequiredAuthError extends Error {
  constructor(readonly errorCode: string) {
    super(errorCode);
    this.name = "InteractionRequiredAuthError";
  }
}

class BrowserAuthError extends Error {
  constructor(readonly errorCode: string) {
    super(`${errorCode}: the user closed the window`);
    this.name = "BrowserAuthError";
  }
}

const account = {
  homeAccountId: "h",
  environment: "login.microsoftonline.com",
  tenantId: "t",
  username: "lan@khdt.gov.vn",
  localAccountId: "l",
  name: "Nguyễn Thị Lan",
};
const result = (token: string) => ({ accessToken: token, account });

function stubMsal(pca: Partial<Record<"ssoSilent" | "acquireTokenSilent" | "acquireTokenPopup", jest.Mock>>) {
  const client = {
    ssoSilent: pca.ssoSilent ?? jest.fn(async () => result("sso-token")),
    acquireTokenSilent: pca.acquireTokenSilent ?? jest.fn(async () => result("cached-token")),
    acquireTokenPopup: pca.acquireTokenPopup ?? jest.fn(async () => result("popup-token")),
  };
  const module = {
    createNestablePublicClientApplication: jest.fn(async () => client),
    InteractionRequiredAuthError,
  };
  const loadMsal = jest.fn(async () => module as unknown as MsalModule);
  return { client, module, loadMsal };
}

describe("the Graph token provider (MSAL nested app authentication)", () => {
  it("signs in silently with the Office account as the hint, then takes tokens from MSAL's cache", async () => {
    const { client, module, loadMsal } = stubMsal({});
    const getAuthContext = jest.fn(async () => ({ userPrincipalName: "lan@khdt.gov.vn" }));
    const getToken = createGraphTokenProvider({ clientId: CLIENT_ID, loadMsal, getAuthContext });
    expect(loadMsal).not.toHaveBeenCalled(); // nothing is loaded until a token is asked for

    expect(await getToken()).toBe("sso-token");
    expect(module.createNestablePublicClientApplication).toHaveBeenCalledWith({ auth: { clientId: CLIENT_ID, authority: AUTHORITY } });
    expect(AUTHORITY).toBe("https://login.microsoftonline.com/common");
    expect(client.ssoSilent).toHaveBeenCalledWith({ scopes: ["Sites.ReadWrite.All"], loginHint: "lan@khdt.gov.vn" });
    expect(getToken.account()).toEqual({ name: "Nguyễn Thị Lan", username: "lan@khdt.gov.vn" });

    expect(await getToken()).toBe("cached-token");
    expect(await getToken({ forceRefresh: true })).toBe("cached-token");
    expect(client.acquireTokenSilent).toHaveBeenNthCalledWith(1, { scopes: GRAPH_SCOPES, account, forceRefresh: false });
    expect(client.acquireTokenSilent).toHaveBeenNthCalledWith(2, { scopes: GRAPH_SCOPES, account, forceRefresh: true });
    expect(client.ssoSilent).toHaveBeenCalledTimes(1);
    expect(client.acquireTokenPopup).not.toHaveBeenCalled();
    expect(loadMsal).toHaveBeenCalledTimes(1);
  });

  it("signs in once when several requests ask at the same time", async () => {
    const { client, loadMsal } = stubMsal({});
    const getToken = createGraphTokenProvider({ clientId: CLIENT_ID, loadMsal, getAuthContext: async () => null });
    expect(await Promise.all([getToken(), getToken(), getToken()])).toEqual(["sso-token", "sso-token", "sso-token"]);
    expect(client.ssoSilent).toHaveBeenCalledTimes(1);
    expect(client.ssoSilent).toHaveBeenCalledWith({ scopes: GRAPH_SCOPES }); // no hint outside Office
  });

  it("opens a popup when the silent sign-in needs interaction (consent, MFA)", async () => {
    const { client, loadMsal } = stubMsal({
      ssoSilent: jest.fn(async () => {
        throw new InteractionRequiredAuthError("consent_required");
      }),
    });
    const getToken = createGraphTokenProvider({
      clientId: CLIENT_ID,
      loadMsal,
      getAuthContext: async () => ({ userPrincipalName: "lan@khdt.gov.vn" }),
    });
    expect(await getToken()).toBe("popup-token");
    expect(client.acquireTokenPopup).toHaveBeenCalledWith({ scopes: GRAPH_SCOPES, loginHint: "lan@khdt.gov.vn" });
  });

  it("opens a popup when a cached token can no longer be renewed silently", async () => {
    const { client, loadMsal } = stubMsal({
      acquireTokenSilent: jest.fn(async () => {
        throw new InteractionRequiredAuthError("interaction_required");
      }),
    });
    const getToken = createGraphTokenProvider({ clientId: CLIENT_ID, loadMsal, getAuthContext: async () => null });
    await getToken();
    expect(await getToken()).toBe("popup-token");
    expect(client.acquireTokenPopup).toHaveBeenCalledWith({ scopes: GRAPH_SCOPES, loginHint: "lan@khdt.gov.vn" });
  });

  it("turns a refused popup into a PaneError in Vietnamese and English", async () => {
    const { loadMsal } = stubMsal({
      ssoSilent: jest.fn(async () => {
        throw new InteractionRequiredAuthError("login_required");
      }),
      acquireTokenPopup: jest.fn(async () => {
        throw new BrowserAuthError("user_cancelled");
      }),
    });
    const getToken = createGraphTokenProvider({ clientId: CLIENT_ID, loadMsal, getAuthContext: async () => null });
    const error = await getToken().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PaneError);
    expect(error).toBeInstanceOf(SignInError);
    expect(error).toMatchObject({
      code: "user_cancelled",
      vi: expect.stringContaining("Chưa đăng nhập được: cửa sổ đăng nhập Microsoft 365 đã bị đóng"),
      en: expect.stringContaining("Not signed in: the Microsoft 365 sign-in window was closed"),
    });
  });

  it("does not open a popup for errors that are not about interaction", async () => {
    const { client, loadMsal } = stubMsal({
      ssoSilent: jest.fn(async () => {
        throw new BrowserAuthError("no_network_connectivity");
      }),
    });
    const getToken = createGraphTokenProvider({ clientId: CLIENT_ID, loadMsal, getAuthContext: async () => null });
    await expect(getToken()).rejects.toMatchObject({
      code: "no_network_connectivity",
      vi: expect.stringContaining("Không đăng nhập được"),
    });
    expect(client.acquireTokenPopup).not.toHaveBeenCalled();
  });

  it("asks for the Application (client) ID while it is the placeholder, without loading MSAL", async () => {
    const { loadMsal } = stubMsal({});
    for (const clientId of [PLACEHOLDER_CLIENT_ID, "", "not-a-guid"]) {
      const getToken = createGraphTokenProvider({ clientId, loadMsal, getAuthContext: async () => null });
      await expect(getToken()).rejects.toMatchObject({ code: "missingClientId", vi: expect.stringContaining("Application (client) ID") });
    }
    expect(loadMsal).not.toHaveBeenCalled();
  });
});

describe("its defaults", () => {
  it("loads the real @azure/msal-browser on demand", async () => {
    const msal = await loadMsalBrowser();
    expect(typeof msal.createNestablePublicClientApplication).toBe("function");
    expect(typeof msal.InteractionRequiredAuthError).toBe("function");
  });

  it("reads the Office account from Office.auth.getAuthContext when the host supports NestedAppAuth 1.1", async () => {
    const g = globalThis as Record<string, unknown>;
    expect(await officeAuthContext()).toBeNull(); // outside Office
    g.Office = {
      context: { requirements: { isSetSupported: (name: string) => name === "NestedAppAuth" } },
      auth: { getAuthContext: async () => ({ userPrincipalName: "lan@khdt.gov.vn" }) },
    };
    try {
      expect(await officeAuthContext()).toEqual({ userPrincipalName: "lan@khdt.gov.vn" });
      (g.Office as { context: unknown }).context = { requirements: { isSetSupported: () => false } };
      expect(await officeAuthContext()).toBeNull();
    } finally {
      delete g.Office;
    }
  });
});
