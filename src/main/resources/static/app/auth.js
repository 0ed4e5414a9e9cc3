// Sign-in: the embedded issuer's /dev/tokens while the portal runs without an identity provider,
// else the OpenID Connect authorization code flow with PKCE against the configured issuer.

const SESSION = 'privacy-portal.session';
const PENDING = 'privacy-portal.pending';

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const scopeOf = (role) => `privacy.${role}`;

export function currentSession() {
  const stored = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  return stored && stored.expiresAt > Date.now() ? stored : null;
}

export function signOut() {
  sessionStorage.removeItem(SESSION);
}

function keep(token, expiresIn, role) {
  const session = { token, role, expiresAt: Date.now() + (expiresIn || 300) * 1000 };
  sessionStorage.setItem(SESSION, JSON.stringify(session));
  return session;
}

async function postJson(url, body) {
  const response = await fetch(url, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error_description || answer.message || `Sign-in failed (${response.status})`);
  return answer;
}

export async function devSignIn(api, { sub, name, email, role }) {
  const answer = await postJson(`${api}/dev/tokens`, {
    sub, name: name || undefined, email: email || undefined, scopes: [scopeOf(role)],
  });
  return keep(answer.access_token, answer.expires_in, role);
}

async function discover(issuer) {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error('The identity provider could not be reached.');
  return response.json();
}

const redirectUri = () => `${location.origin}${location.pathname}`;

export async function oidcSignIn(config, role) {
  const provider = await discover(config.issuer);
  const verifier = random();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = random();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, role }));
  const params = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), state,
    scope: `openid profile email ${scopeOf(role)}`, code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${provider.authorization_endpoint}?${params}`);
}

/** Finishes a sign-in when the provider sent the browser back with a code; null otherwise. */
export async function oidcCallback(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  history.replaceState(null, '', redirectUri());
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer did not match; try again.');
  const provider = await discover(config.issuer);
  const response = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: config.clientId, code_verifier: pending.verifier,
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error_description || 'The sign-in could not be completed.');
  return keep(answer.access_token, answer.expires_in, pending.role);
}
