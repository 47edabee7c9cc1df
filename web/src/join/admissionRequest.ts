// A waiting guest's calls. The request secret goes in the Authorization header
// only: never in a URL.
import {
  type AdmissionPending,
  type AdmissionStatus,
  apiClient,
  type ClientOptions,
  type TokenResponse,
  unwrap,
} from "../shared/api";

/** The token route's 202 (a meeting with a waiting room) rather than a token. */
export function isPending(answer: TokenResponse | AdmissionPending): answer is AdmissionPending {
  return "requestSecret" in answer;
}

/** `options` are for tests (Node's fetch wants absolute URLs). */
export function pollAdmission(
  pending: AdmissionPending,
  signal?: AbortSignal,
  options: ClientOptions = {},
): Promise<AdmissionStatus> {
  const api = apiClient({ ...options, bearer: () => pending.requestSecret });
  return unwrap(
    api.GET("/api/admissions/{admission_id}", {
      params: { path: { admission_id: pending.id } },
      ...(signal ? { signal } : {}),
    }),
  );
}

/** Stop waiting; `keepalive` lets it finish while the page is being closed. */
export function withdrawAdmission(pending: AdmissionPending): void {
  void fetch(`/api/admissions/${encodeURIComponent(pending.id)}`, {
    method: "DELETE",
    headers: { Authorization: `Bearer ${pending.requestSecret}` },
    keepalive: true,
  }).catch(() => undefined);
}
