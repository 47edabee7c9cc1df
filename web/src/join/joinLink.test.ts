import { describe, expect, it } from "vitest";
import { readJoinLink } from "./joinLink";

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function page(address: string) {
  const url = new URL(address, "https://meet.example");
  const replaced: string[] = [];
  const location = { pathname: url.pathname, search: url.search, hash: url.hash } as Location;
  const history = {
    state: null,
    replaceState: (_state: unknown, _title: string, next: string) => replaced.push(next),
  } as unknown as History;
  return { location, history, replaced };
}

describe("readJoinLink", () => {
  it("reads the room, password and host key, and takes them out of the address", () => {
    const storage = new MemoryStorage();
    const { location, history, replaced } = page("/join/team%20room?password=pw1&host=hk&lang=fr#x");
    expect(readJoinLink(location, storage, history)).toEqual({
      roomName: "team room",
      password: "pw1",
      hostKey: "hk",
    });
    expect(replaced).toEqual(["/join/team%20room?lang=fr#x"]);
  });

  it("gives a reload of the cleaned address the credentials kept for that room", () => {
    const storage = new MemoryStorage();
    const first = page("/join/room-a?password=pw1");
    readJoinLink(first.location, storage, first.history);
    const reload = page("/join/room-a");
    expect(readJoinLink(reload.location, storage, reload.history)).toEqual({
      roomName: "room-a",
      password: "pw1",
      hostKey: "",
    });
    expect(reload.replaced).toEqual([]);
    const other = page("/join/room-b/");
    expect(readJoinLink(other.location, storage, other.history)).toEqual({
      roomName: "room-b",
      password: "",
      hostKey: "",
    });
  });

  it("ignores kept credentials that are not what it wrote", () => {
    const storage = new MemoryStorage();
    storage.setItem("lkmeet.link.room-a", '{"password": 5}');
    const { location, history } = page("/join/room-a");
    expect(readJoinLink(location, storage, history)?.password).toBe("");
    storage.setItem("lkmeet.link.room-a", "not json");
    expect(readJoinLink(location, storage, history)?.password).toBe("");
  });

  it("is null for anything but a join path", () => {
    const storage = new MemoryStorage();
    for (const address of ["/meetings", "/join/", "/join/a/b", "/join/%E0%A4%A"]) {
      const { location, history } = page(address);
      expect(readJoinLink(location, storage, history)).toBeNull();
    }
  });
});
