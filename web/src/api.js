// api: the HTTP client for sitrep's JSON API (see docs/api.md). It keeps
// the session's CSRF token and sends it as X-CSRF-Token on every write.

/** ApiError is a failed request: HTTP status, the contract's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /**
   * fields splits a validation message ("report x: title: empty; claims[0].when: a claim
   * needs a time") into {path: message}; an empty object when it names no field.
   */
  fields() {
    const out = {};
    let msg = this.message;
    const m = /^report [^:]*: /.exec(msg);
    if (m) msg = msg.slice(m[0].length);
    for (const part of msg.split('; ')) {
      const i = part.indexOf(': ');
      if (i <= 0) continue;
      const path = part.slice(0, i);
      if (/^[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*$/.test(path)) out[path] = (out[path] ? out[path] + '; ' : '') + part.slice(i + 2);
    }
    return out;
  }
}

/** Api is a client bound to one server (the page's origin by default). */
export class Api {
  constructor(base = '') {
    this.base = base;
    this.csrf = '';
    /** writes counts write requests and how many carried the CSRF header (a test hook). */
    this.writes = {total: 0, withCSRF: 0};
  }

  async request(method, path, body) {
    const headers = {Accept: 'application/json'};
    const write = method !== 'GET' && method !== 'HEAD';
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (write) {
      this.writes.total++;
      if (this.csrf) {
        headers['X-CSRF-Token'] = this.csrf;
        this.writes.withCSRF++;
      }
    }
    const res = await fetch(this.base + path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return null;
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (!res.ok) {
      const e = data && data.error;
      throw new ApiError(res.status, e ? e.code : 'http_' + res.status, e ? e.message : `${method} ${path}: HTTP ${res.status}`);
    }
    return data;
  }

  get(path, params) { return this.request('GET', path + query(params)); }
  post(path, body) { return this.request('POST', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  del(path) { return this.request('DELETE', path); }
}

/** query builds "?a=1&b=2" from an object, skipping empty values. */
export function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** bboxOf formats a Leaflet LatLngBounds as the API's bbox, or '' for the whole world. */
export function bboxOf(bounds) {
  const w = bounds.getWest(), e = bounds.getEast();
  if (e - w >= 360) return '';
  const clampLat = (x) => Math.max(-90, Math.min(90, x));
  const wrap = (x) => ((((x + 180) % 360) + 360) % 360) - 180;
  const f = (x) => x.toFixed(4);
  return [f(wrap(w)), f(clampLat(bounds.getSouth())), f(e > 180 || e < -180 ? wrap(e) : e), f(clampLat(bounds.getNorth()))].join(',');
}
