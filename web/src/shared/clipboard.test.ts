import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./clipboard";

// The fallback's hidden textarea, as much of it as copyText touches.
function fakeDocument(copied: boolean) {
  const added: { value: string; removed: boolean; selected: boolean }[] = [];
  const document = {
    createElement: () => {
      const area = {
        value: "",
        removed: false,
        selected: false,
        style: {},
        setAttribute: () => undefined,
        select: () => (area.selected = true),
        remove: () => (area.removed = true),
      };
      added.push(area);
      return area;
    },
    body: { append: () => undefined },
    execCommand: vi.fn(() => copied),
  };
  return { document, added };
}

describe("copyText", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uses the Clipboard API in a secure context", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    vi.stubGlobal("window", { isSecureContext: true });
    const { document } = fakeDocument(true);
    vi.stubGlobal("document", document);
    await copyText("invite");
    expect(writeText).toHaveBeenCalledWith("invite");
    expect(document.execCommand).not.toHaveBeenCalled();
  });

  it("falls back to a selected textarea on plain http, and removes it", async () => {
    vi.stubGlobal("navigator", { clipboard: { writeText: vi.fn() } });
    vi.stubGlobal("window", { isSecureContext: false });
    const { document, added } = fakeDocument(true);
    vi.stubGlobal("document", document);
    await copyText("invite");
    expect(document.execCommand).toHaveBeenCalledWith("copy");
    expect(added).toEqual([expect.objectContaining({ value: "invite", selected: true, removed: true })]);
  });

  it("fails when the fallback could not copy", async () => {
    vi.stubGlobal("navigator", {});
    vi.stubGlobal("window", { isSecureContext: true });
    const { document, added } = fakeDocument(false);
    vi.stubGlobal("document", document);
    await expect(copyText("invite")).rejects.toThrow("Copy failed");
    expect(added[0]?.removed).toBe(true);
  });
});
