// The portal's API as the app uses it: queries over GET and mutations over POST, both as Apollo's
// automatic persisted queries (the hash first, the document only when the portal asks for it),
// subscriptions over graphql-transport-ws, and downloads fetched with CORS.

const hashes = new Map();

async function sha256(text) {
  if (!hashes.has(text)) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    hashes.set(text, [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
  }
  return hashes.get(text);
}

export class ApiError extends Error {}

export class Api {
  constructor(base, token) {
    this.base = base.replace(/\/$/, '');
    this.token = token;
  }

  headers(json) {
    const headers = { Accept: 'application/json' };
    if (json) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    return headers;
  }

  async run(document, variables = {}) {
    const extensions = { persistedQuery: { version: 1, sha256Hash: await sha256(document) } };
    const mutation = document.trimStart().startsWith('mutation');
    let body = await this.send(mutation, { variables, extensions });
    if (body.errors?.some((e) => e.message === 'PersistedQueryNotFound')) {
      body = await this.send(mutation, { query: document, variables, extensions });
    }
    if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join('; '));
    return body.data;
  }

  async send(mutation, request) {
    let response;
    if (mutation) {
      response = await fetch(`${this.base}/graphql`, {
        method: 'POST', headers: this.headers(true), body: JSON.stringify(request),
      });
    } else {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(request)) {
        params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      }
      response = await fetch(`${this.base}/graphql?${params}`, { headers: this.headers(false) });
    }
    if (response.status === 401) throw new ApiError('Your session has ended; please sign in again.');
    return response.json();
  }

  /** Calls onNext with each value; returns a function that closes the subscription. */
  subscribe(document, variables, onNext, onError) {
    const socket = new WebSocket(`${this.base.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    socket.onopen = () => socket.send(JSON.stringify({
      type: 'connection_init', payload: { Authorization: `Bearer ${this.token}` },
    }));
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: document, variables } }));
      } else if (message.type === 'next') {
        onNext(message.payload.data);
      } else if (message.type === 'error') {
        onError(new ApiError(message.payload.map((e) => e.message).join('; ')));
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    };
    socket.onerror = () => onError(new ApiError('The live connection failed.'));
    return () => socket.close();
  }

  /** Fetches a presigned download and hands it to the browser as a file; answers its size. */
  async download(link) {
    const response = await fetch(new URL(link, `${this.base}/`));
    if (!response.ok) throw new ApiError(`The download failed (${response.status}).`);
    const disposition = response.headers.get('Content-Disposition') || '';
    const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] || 'privacy-export';
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const anchor = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return { name, size: blob.size };
  }
}
