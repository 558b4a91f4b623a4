/** The Graph client against a stub fetch: paging, batching, throttling, If-Match, bounded retries. */
import { GraphClient, GraphError, graphErrorMessage, parseRetryAfter, retryAfterMs, type FetchLike } from "../../../src/sync/graphClient";

type Json = Record<string, any>;

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Json | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A fetch that records calls and answers from a handler (throw to simulate a dropped connection). */
function stubFetch(handler: (call: Call, index: number) => Reply) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = { url, method: init.method, headers: init.headers, body: init.body ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const reply = handler(call, calls.length - 1);
    const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: reply.status,
      headers: { get: (name: string) => headers[name.toLowerCase()] ?? null },
      text: async () => (reply.body === undefined ? "" : JSON.stringify(reply.body)),
    };
  };
  return { fetch, calls };
}

function client(fetch: FetchLike, sleeps: number[] = [], extra: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) {
  return new GraphClient({
    baseUrl: "https://graph.example/v1.0",
    getToken: async () => "tok",
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
}

/** Answers every batch entry with `status(entry)`. */
function batchReply(call: Call, status: (entry: Json) => Reply): Reply {
  return {
    status: 200,
    body: {
      responses: (call.body!.requests as Json[]).map((e) => {
        const r = status(e);
        return { id: e.id, status: r.status, headers: r.headers ?? {}, body: r.body ?? {} };
      }),
    },
  };
}

describe("GraphClient paging", () => {
  it("follows @odata.nextLink exactly as given and returns the deltaLink", async () => {
    const next =
      "https://graph.example/v1.0/sites/root/lists/L/items?$expand=fields($select=A,B)&$skiptoken=Paged%3DTRUE%26p_ID%3D2&$top=2";
    const { fetch, calls } = stubFetch((_call, i) =>
      i === 0
        ? { status: 200, body: { value: [{ id: "1" }, { id: "2" }], "@odata.nextLink": next } }
        : { status: 200, body: { value: [{ id: "3" }], "@odata.deltaLink": "https://graph.example/v1.0/x/delta?token=abc" } },
    );
    const c = client(fetch);
    const { items, deltaLink, pages } = await c.getAllPages<{ id: string }>("/sites/root/lists/L/items?$top=2");
    expect(items.map((i) => i.id)).toEqual(["1", "2", "3"]);
    expect(pages).toBe(2);
    expect(calls[0].url).toBe("https://graph.example/v1.0/sites/root/lists/L/items?$top=2");
    expect(calls[1].url).toBe(next);
    expect(deltaLink).toBe("https://graph.example/v1.0/x/delta?token=abc");
    expect(calls[0].headers.Authorization).toBe("Bearer tok");
    expect(c.requests).toBe(2);
  });
});

describe("GraphClient $batch", () => {
  it("sends at most 20 requests per batch, relative URLs, Content-Type only with a body, results in order", async () => {
    const { fetch, calls } = stubFetch((call) =>
      batchReply(call, (e) => ({ status: e.method === "POST" ? 201 : 200, body: { echo: e.url } })),
    );
    const c = client(fetch);
    const requests = Array.from({ length: 45 }, (_, i) =>
      i % 3 === 0
        ? { method: "GET" as const, url: `/sites/root/lists/L/items/${i}` }
        : { method: "POST" as const, url: "/sites/root/lists/L/items", body: { fields: { Title: `t${i}` } } },
    );
    const results = await c.batch(requests);
    expect(calls.map((call) => call.url)).toEqual(Array(3).fill("https://graph.example/v1.0/$batch"));
    expect(calls.map((call) => call.body!.requests.length)).toEqual([20, 20, 5]);
    for (const call of calls) {
      for (const entry of call.body!.requests as Json[]) {
        expect(entry.url.startsWith("/")).toBe(true);
        if (entry.body) expect(entry.headers["Content-Type"]).toBe("application/json");
        else expect(entry.headers?.["Content-Type"]).toBeUndefined();
      }
    }
    expect(results).toHaveLength(45);
    expect(results[3]).toEqual(expect.objectContaining({ status: 200, body: { echo: "/sites/root/lists/L/items/3" } }));
    expect(results[4].status).toBe(201);
    expect(c.stats).toEqual({ requests: 3, batches: 3, writes: 30 });
  });

  it("maps answers by id whatever their order", async () => {
    const { fetch } = stubFetch((call) => {
      const reply = batchReply(call, (e) => ({ status: 200, body: { url: e.url } }));
      (reply.body as Json).responses.reverse();
      return reply;
    });
    const results = await client(fetch).batch([
      { method: "GET", url: "/a" },
      { method: "GET", url: "/b" },
    ]);
    expect(results.map((r) => (r.body as Json).url)).toEqual(["/a", "/b"]);
  });

  it("retries only the throttled entry, after the larger of Retry-After and RateLimit-Reset", async () => {
    let throttled = 0;
    const { fetch, calls } = stubFetch((call) =>
      batchReply(call, (e): Reply => {
        if (e.url === "/b" && throttled++ === 0) return { status: 429, headers: { "Retry-After": "0.05", "RateLimit-Reset": "0.2" } };
        if (e.url === "/c" && throttled++ === 1) return { status: 503, headers: { "Retry-After": "0.03" } };
        return { status: 200, body: { ok: e.url } };
      }),
    );
    const sleeps: number[] = [];
    const results = await client(fetch, sleeps).batch([
      { method: "GET", url: "/a" },
      { method: "PATCH", url: "/b", headers: { "If-Match": '"{X},1"' }, body: { V: 1 } },
      { method: "GET", url: "/c" },
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(calls).toHaveLength(2);
    expect((calls[1].body!.requests as Json[]).map((e) => e.url)).toEqual(["/b", "/c"]);
    expect(sleeps).toEqual([200]);
  });

  it("passes If-Match through on updates and deletes", async () => {
    const { fetch, calls } = stubFetch((call) => batchReply(call, () => ({ status: 200 })));
    await client(fetch).batch([
      { method: "PATCH", url: "/sites/root/lists/L/items/7/fields", headers: { "If-Match": '"{AB},3"' }, body: { V_E: 2 } },
      { method: "DELETE", url: "/sites/root/lists/L/items/8", headers: { "If-Match": '"{CD},1"' } },
    ]);
    const entries = calls[0].body!.requests as Json[];
    expect(entries[0].headers["If-Match"]).toBe('"{AB},3"');
    expect(entries[1].headers["If-Match"]).toBe('"{CD},1"');
    const single = stubFetch(() => ({ status: 200, body: {} }));
    await client(single.fetch).request("PATCH", "/sites/root/lists/L/items/7/fields", {
      headers: { "If-Match": '"{AB},3"' },
      body: { V_E: 2 },
    });
    expect(single.calls[0].headers["If-Match"]).toBe('"{AB},3"');
    expect(single.calls[0].headers["Content-Type"]).toBe("application/json");
  });

  it("gives up on an entry after the attempt cap and returns its 429", async () => {
    const { fetch, calls } = stubFetch((call) => batchReply(call, () => ({ status: 429, headers: { "Retry-After": "1" } })));
    const sleeps: number[] = [];
    const results = await client(fetch, sleeps, { maxAttempts: 4 }).batch([{ method: "GET", url: "/a" }]);
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([1000, 1000, 1000]);
    expect(results[0].status).toBe(429);
    expect(results[0].error).toBeInstanceOf(GraphError);
    expect(graphErrorMessage(results[0].error).en).toMatch(/throttling/);
  });

  it("uses bounded exponential backoff when no wait is given", async () => {
    const { fetch } = stubFetch((call) => batchReply(call, () => ({ status: 503 })));
    const sleeps: number[] = [];
    await client(fetch, sleeps, { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1000 }).batch([{ method: "GET", url: "/a" }]);
    // random 0.5 → 75 % of the step: 100, 200, 400, 800, 1000 (cap), …
    expect(sleeps).toEqual([75, 150, 300, 600, 750, 750, 750]);
  });

  it("re-sends a batch of safe requests after a dropped connection, but never a batch of creates", async () => {
    let drops = 1;
    const safe = stubFetch((call) => {
      if (drops-- > 0) throw new TypeError("fetch failed");
      return batchReply(call, () => ({ status: 200 }));
    });
    const ok = await client(safe.fetch).batch([
      { method: "GET", url: "/a" },
      { method: "PATCH", url: "/b", headers: { "If-Match": '"{X},1"' }, body: { V: 1 } },
    ]);
    expect(safe.calls).toHaveLength(2);
    expect(ok.map((r) => r.status)).toEqual([200, 200]);

    const creates = stubFetch(() => {
      throw new TypeError("fetch failed");
    });
    const results = await client(creates.fetch).batch([{ method: "POST", url: "/items", body: { fields: {} } }]);
    expect(creates.calls).toHaveLength(1);
    expect(results[0].status).toBe(0);
    expect(results[0].error?.uncertain).toBe(true);
  });

  it("re-sends a whole batch refused with 429 (nothing in it ran), creates included", async () => {
    let first = true;
    const { fetch, calls } = stubFetch((call) => {
      if (first) {
        first = false;
        return { status: 429, headers: { "Retry-After": "0.02" }, body: { error: { code: "activityLimitReached", message: "slow down" } } };
      }
      return batchReply(call, () => ({ status: 201, body: { id: "1" } }));
    });
    const sleeps: number[] = [];
    const results = await client(fetch, sleeps).batch([{ method: "POST", url: "/items", body: { fields: {} } }]);
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([20]);
    expect(results[0].status).toBe(201);
  });
});

describe("GraphClient single requests", () => {
  it("retries a GET after dropped connections and 5xx, up to the cap, then throws a network GraphError", async () => {
    const { fetch, calls } = stubFetch(() => {
      throw new TypeError("fetch failed");
    });
    const c = client(fetch, [], { maxAttempts: 3 });
    await expect(c.get("/sites/root")).rejects.toMatchObject({ status: 0, code: "networkError" });
    expect(calls).toHaveLength(3);
    expect(c.requests).toBe(3);
  });

  it("does not re-send a POST after a dropped connection (the create may have happened)", async () => {
    const { fetch, calls } = stubFetch(() => {
      throw new TypeError("socket hang up");
    });
    const error = await client(fetch)
      .request("POST", "/sites/root/lists", { body: { displayName: "A" } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error.uncertain).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("surfaces Graph errors as typed errors with code and message", async () => {
    const { fetch } = stubFetch(() => ({ status: 404, body: { error: { code: "itemNotFound", message: "List 'X' does not exist." } } }));
    const error = await client(fetch)
      .get("/sites/root/lists/X")
      .catch((e) => e);
    expect(error).toMatchObject({ status: 404, code: "itemNotFound", message: "List 'X' does not exist." });
    expect(graphErrorMessage(error).vi).toMatch(/Không tìm thấy/);
  });

  it("asks the token provider for a fresh token once after a 401", async () => {
    const tokens: string[] = [];
    let n = 0;
    const { fetch, calls } = stubFetch((call) =>
      call.headers.Authorization === "Bearer fresh" ? { status: 200, body: { ok: true } } : { status: 401, body: {} },
    );
    const c = new GraphClient({
      baseUrl: "https://graph.example/v1.0",
      fetch,
      sleep: async () => {},
      getToken: async (opts) => {
        const t = opts?.forceRefresh ? "fresh" : `stale${n++}`;
        tokens.push(t);
        return t;
      },
    });
    await expect(c.get("/me")).resolves.toEqual({ ok: true });
    expect(calls).toHaveLength(2);
    expect(tokens).toEqual(["stale0", "fresh"]);
  });
});

describe("Retry-After parsing and messages", () => {
  it("reads fractional seconds and HTTP dates, and takes the larger of Retry-After and RateLimit-Reset", () => {
    expect(parseRetryAfter("0.05")).toBe(50);
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", () => Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000);
    expect(parseRetryAfter("soon")).toBeNull();
    expect(retryAfterMs({ "Retry-After": "0.05", "RateLimit-Reset": "0.2" })).toBe(200);
    expect(retryAfterMs({ "retry-after": "0.3", "ratelimit-reset": "0.1" })).toBe(300);
    expect(retryAfterMs({})).toBeNull();
  });

  it("explains 401, 403, 404, 412, exhausted 429 and network failures in Vietnamese and English", () => {
    for (const [status, vi, en] of [
      [401, /đăng nhập/, /sign-in/],
      [403, /quyền/, /permission/],
      [404, /Không tìm thấy/, /not found/],
      [412, /người khác sửa/, /changed by someone else/],
      [429, /giới hạn/, /throttling/],
      [0, /Không kết nối/, /Could not reach/],
    ] as [number, RegExp, RegExp][]) {
      const m = graphErrorMessage(new GraphError(status, "x", "y"));
      expect(m.vi).toMatch(vi);
      expect(m.en).toMatch(en);
    }
  });
});

describe("GraphClient with a browser's fetch", () => {
  it("calls fetch detached: a browser throws 'Illegal invocation' when fetch is called as another object's method", async () => {
    const calls: string[] = [];
    const browserLikeFetch = function (this: unknown, url: string) {
      if (this !== undefined && this !== globalThis)
        return Promise.reject(new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation"));
      calls.push(url);
      return Promise.resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve('{"value":[]}') });
    } as unknown as FetchLike;
    const client = new GraphClient({
      baseUrl: "http://127.0.0.1:1/v1.0",
      getToken: async () => "t",
      fetch: browserLikeFetch,
      sleep: async () => {},
    });
    await client.get("/sites/root/lists");
    expect(calls).toEqual(["http://127.0.0.1:1/v1.0/sites/root/lists"]);
  });
});
