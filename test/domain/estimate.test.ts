import { describe, expect, it } from "vitest";
import { estimateFromForm, estimateOf } from "../../src/domain/estimate.js";

const options = { labelPrefix: "time/", formField: "Estimate", defaultMinutes: 10 };
const formBody = (answer: string) => `### What do you want to discuss?\n\nThe budget\n\n### Estimate\n\n${answer}\n\n### Anything else?\n\n_No response_`;

describe("estimateOf", () => {
  it("falls back to the series default", () => {
    expect(estimateOf({ labels: ["agenda/iaas"], body: "Please discuss" }, options)).toEqual({ minutes: 10, source: "default" });
  });

  it("reads the issue-form field", () => {
    expect(estimateOf({ labels: [], body: formBody("15m") }, options)).toEqual({ minutes: 15, source: "form" });
    expect(estimateOf({ labels: [], body: formBody("1h30m") }, options)).toEqual({ minutes: 90, source: "form" });
  });

  it("an unanswered form field (_No response_) means the default", () => {
    expect(estimateOf({ labels: [], body: formBody("_No response_") }, options)).toEqual({ minutes: 10, source: "default" });
  });

  it("a label overrides the form, so a chair can correct an estimate", () => {
    expect(estimateOf({ labels: ["time/5m"], body: formBody("45m") }, options)).toEqual({ minutes: 5, source: "label" });
  });

  it("the largest of several estimate labels wins; case does not matter", () => {
    expect(estimateOf({ labels: ["Time/15m", "time/1h", "time/oops"], body: "" }, options)).toEqual({ minutes: 60, source: "label" });
  });

  it("a board number field is used when the topic itself names nothing", () => {
    expect(estimateOf({ labels: [], body: "" }, { ...options, boardMinutes: 25 })).toEqual({ minutes: 25, source: "board" });
    expect(estimateOf({ labels: [], body: formBody("5m") }, { ...options, boardMinutes: 25 })).toEqual({ minutes: 5, source: "form" });
  });

  it("reads a CRLF body and an emphasised answer, and only under the right heading", () => {
    expect(estimateFromForm("### Estimate\r\n\r\n**20m**\r\n", "Estimate")).toBe(20);
    expect(estimateFromForm("### Estimated impact\n\n20m\n", "Estimate")).toBeNull();
    expect(estimateFromForm("### Estimate\n\n### Next\n\n20m", "Estimate")).toBeNull();
    expect(estimateFromForm("### Estimate\n\nabout an hour", "Estimate")).toBeNull();
  });
});
