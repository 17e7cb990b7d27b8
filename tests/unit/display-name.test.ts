// Names stored before input was checked are shown to staff safely: no characters that hide or
// reorder text, and each name isolated in <bdi> so a right-to-left name cannot flip its neighbours.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { PersonName } from "@/app/_components/person-name";
import { displayName, isSafeText } from "@/server/validation";

describe("displayName", () => {
  test("removes bidi overrides, zero-width characters and controls, and keeps real names as they are", () => {
    expect(displayName("Jordan\u202Egnp.exe")).toBe("Jordangnp.exe");
    expect(displayName("Jo\u200Brdan\uFEFF")).toBe("Jordan");
    expect(displayName("Jo\u0000rdan\u001b")).toBe("Jordan");
    expect(displayName("\u2067حداد\u2069")).toBe("حداد");
    for (const name of ["Zoé", "O'Brien-Nguyễn", "حداد", "山田 太郎", "Ólafur Ragnar"]) {
      expect(displayName(name)).toBe(name);
      expect(isSafeText(name, { name: true })).toBe(true);
    }
  });
});

describe("PersonName", () => {
  test("renders each part inside <bdi>, cleaned", () => {
    const html = renderToStaticMarkup(
      createElement(PersonName, { first: "Jordan\u202E", last: "Reyes", order: "last-first" }),
    );
    expect(html).toBe("<bdi>Reyes</bdi>, <bdi>Jordan</bdi>");
  });
});
