import { describe, expect, it } from "vitest";
import type { ValidationDetail } from "./api";
import { FORM_ERROR, toFieldErrors } from "./fieldErrors";

const detail = (loc: (string | number)[], msg: string, type = "value_error"): ValidationDetail => ({
  loc,
  msg,
  type,
});

describe("toFieldErrors", () => {
  it("puts each detail beside the field its loc names", () => {
    const errors = toFieldErrors(
      [
        detail(["body", "title"], "String should have at least 1 character", "string_too_short"),
        detail(["body", "password"], "String should have at most 128 characters", "string_too_long"),
        detail(["body", "name"], "Field required", "missing"),
      ],
      ["title", "password", "name"],
    );
    expect(errors).toEqual({
      title: "Required.",
      password: "String should have at most 128 characters.",
      name: "Required.",
    });
  });

  it("names a list entry by its label, else by its position", () => {
    const emails = ["ok@example.com", "bad@"];
    const details = [
      detail(["body", "participants", 1, "email"], "value is not a valid email address"),
      detail(["body", "participants", 4, "email"], "value is not a valid email address"),
    ];
    expect(toFieldErrors(details, ["participants"], (_, i) => emails[i])).toEqual({
      participants: "bad@: Value is not a valid email address. Entry 5: Value is not a valid email address.",
    });
  });

  it("gives a model-level message to the field it names first, else to the form", () => {
    const errors = toFieldErrors(
      [
        detail(["body"], "Value error, endTime must be after startTime"),
        detail(["body"], "Value error, something else is wrong"),
      ],
      ["startTime", "endTime"],
    );
    expect(errors).toEqual({
      endTime: "End time must be after start time.",
      [FORM_ERROR]: "Something else is wrong.",
    });
  });

  it("sends a field the form does not show to the form", () => {
    expect(toFieldErrors([detail(["query", "limit"], "bad")], ["title"])).toEqual({
      [FORM_ERROR]: "Bad.",
    });
  });
});
