// The page's only way to the data: the JSON API with the county key from sessionStorage (never the URL, never a cookie).
'use strict';
LH.api = (() => {
  const STORAGE_KEY = 'lianhua.countyKey';

  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  const key = () => sessionStorage.getItem(STORAGE_KEY);
  const remember = (value) => sessionStorage.setItem(STORAGE_KEY, value);
  const forget = () => sessionStorage.removeItem(STORAGE_KEY);

  async function call(path) {
    let response;
    try {
      // no-store: answers carry county data and were fetched with a key; nothing of them should stay in the HTTP cache.
      response = await fetch('/api/' + path, { headers: { 'X-Api-Key': key() || '' }, cache: 'no-store', credentials: 'omit' });
    } catch {
      throw new ApiError(0, '无法连接服务器，请检查网络后重试。');
    }
    if (!response.ok) throw new ApiError(response.status, await detail(response));
    return response;
  }

  async function detail(response) {
    try {
      const problem = await response.json();
      return problem.detail || problem.title || String(response.status);
    } catch {
      return String(response.status);
    }
  }

  const json = async (path) => (await call(path)).json();

  /** Every item of a paged list: pages until the continuation token is null. */
  async function all(path) {
    const items = [];
    let token = null;
    do {
      const more = token ? (path.includes('?') ? '&' : '?') + 'continuationToken=' + encodeURIComponent(token) : '';
      const page = await json(path + more);
      items.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return items;
  }

  /** A CSV report: fetched with the key (a plain link could not send it), saved from a Blob under the server's file name. */
  async function download(path, fallbackName) {
    const response = await call(path);
    const blob = await response.blob();
    const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = match ? match[1] : fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  return { ApiError, key, remember, forget, json, all, download };
})();
