// Requests to the gateway's JSON API, as the phases set up their data and check their answers.

async function send(base, method, path, { token, body, ifMatch } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(ifMatch === undefined ? {} : { 'if-match': String(ifMatch) }),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { ok: response.ok, status: response.status, text: await response.text() };
}

/** The parsed answer of a request that must succeed (it throws otherwise). */
export async function api(base, method, path, { token, body } = {}) {
  const { ok, status, text } = await send(base, method, path, { token, body });
  if (!ok) throw new Error(`${method} ${path} → ${status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** The status and the parsed body (on any status) of a request with `token`. */
export async function call(base, method, path, token, { body, ifMatch } = {}) {
  const { status, text } = await send(base, method, path, { token, body, ifMatch });
  return { status, body: text ? JSON.parse(text) : null };
}
