// The dashboard's one way to the public REST API (/v2/project/{key}/...), and how its errors
// are tied to the control that caused them.

/** An answer of the API that is not a success: its message, HTTP status and the field it blames. */
export class ApiError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.status = status;
    // The API names the offending field first, in quotes: "'variants[0].customCSS' must ...".
    const quoted = /^'([A-Za-z0-9_.[\]]+)'/.exec(message);
    this.field = quoted ? quoted[1] : null;
  }
}

/** Calls /v2/project/{key}{path} with these keys; resolves to the JSON body, rejects with an ApiError. */
export async function request(method, path, body, keys) {
  const headers = { Authorization: `Bearer ${keys.apiKey}`, Accept: 'application/json' };
  const init = { method, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' };
  if (body !== null && body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`/v2/project/${encodeURIComponent(keys.projectKey)}${path}`, init);
  } catch {
    throw new ApiError('Uplift did not answer: check that the server is running.');
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // A body that is not JSON falls through to the status message below.
  }
  if (!response.ok || !json || json.success === false) {
    throw new ApiError((json && json.error) || `The server answered ${response.status} ${response.statusText}`.trim(),
      response.status);
  }
  return json;
}
