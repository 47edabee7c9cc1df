// Reads (does not verify) the LiveKit token's claims: the page only needs to
// know whether to offer host controls; the server checks them for real.

interface Claims {
  roomAdmin: boolean;
}

export function readClaims(token: string): Claims {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { video?: { roomAdmin?: boolean } };
    return { roomAdmin: claims.video?.roomAdmin === true };
  } catch {
    return { roomAdmin: false };
  }
}
