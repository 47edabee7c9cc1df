// What a join link carries: /join/{roomName}?password=…&host=…

export interface JoinLink {
  roomName: string;
  password: string;
  hostKey: string;
}

export function readJoinLink(location: Location = window.location): JoinLink | null {
  const match = /^\/join\/([^/]+)\/?$/.exec(location.pathname);
  if (!match?.[1]) return null;
  let roomName: string;
  try {
    roomName = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  const query = new URLSearchParams(location.search);
  return {
    roomName,
    password: query.get("password") ?? "",
    hostKey: query.get("host") ?? "",
  };
}
