import { describe, expect, it } from "vitest";
import { actionForKey, type KeyInput } from "./keymap";

const press = (key: string, extra: Partial<KeyInput> = {}) =>
  actionForKey({
    key,
    code: "",
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    typing: false,
    ...extra,
  });

describe("comparison page keys", () => {
  it("maps digits, letters and either case to choices", () => {
    expect(press("1")).toEqual({ type: "choose", choice: "LEFT" });
    expect(press("a")).toEqual({ type: "choose", choice: "LEFT" });
    expect(press("2")).toEqual({ type: "choose", choice: "RIGHT" });
    expect(press("B", { code: "KeyB" })).toEqual({ type: "choose", choice: "RIGHT" });
    expect(press("t")).toEqual({ type: "choose", choice: "TIE" });
    expect(press("x")).toEqual({ type: "choose", choice: "BOTH_BAD" });
  });

  it("maps the other commands", () => {
    expect(
      ["s", "e", "d", "p", "u", "g", "?", "Enter", "Escape"].map((k) => press(k, { shiftKey: k === "?" })?.type),
    ).toEqual(["skip", "edit", "diff", "passage", "undo", "guidelines", "help", "submit", "escape"]);
  });

  it("reads Shift+letter as the letter", () => {
    expect(press("A", { code: "KeyA", shiftKey: true })).toEqual({ type: "choose", choice: "LEFT" });
    expect(press("B", { code: "KeyB", shiftKey: true })).toEqual({ type: "choose", choice: "RIGHT" });
    expect(press("S", { code: "KeyS", shiftKey: true })).toEqual({ type: "skip" });
    expect(press("Q", { code: "KeyQ", shiftKey: true })).toBeNull();
  });

  it("reads Shift+1 and Shift+2 as strength whatever character the layout types", () => {
    expect(press("!", { code: "Digit1", shiftKey: true })).toEqual({ type: "strength", strength: 1 });
    expect(press("@", { code: "Digit2", shiftKey: true })).toEqual({ type: "strength", strength: 2 });
    expect(press('"', { code: "Digit2", shiftKey: true })).toEqual({ type: "strength", strength: 2 });
  });

  it("leaves typing alone except Esc and Ctrl/Cmd+Enter", () => {
    for (const key of ["1", "a", "s", "Enter", "?", "u"]) expect(press(key, { typing: true })).toBeNull();
    expect(press("Escape", { typing: true })).toEqual({ type: "escape" });
    expect(press("Enter", { typing: true, ctrlKey: true })).toEqual({ type: "submit" });
    expect(press("Enter", { typing: true, metaKey: true })).toEqual({ type: "submit" });
  });

  it("leaves browser shortcuts and unknown keys to the browser", () => {
    expect(press("d", { ctrlKey: true })).toBeNull();
    expect(press("r", { metaKey: true })).toBeNull();
    expect(press("a", { altKey: true })).toBeNull();
    expect(press("Enter", { shiftKey: true })).toBeNull();
    expect(press("q")).toBeNull();
    expect(press("Tab")).toBeNull();
  });
});
