import { describe, expect, it } from "vitest";
import { BlockedAddressError, classifyDeliveryError } from "./classify-delivery-error";

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe("classifyDeliveryError", () => {
  it.each([
    ["ECONNREFUSED", "connection_refused"],
    ["ECONNRESET", "connection_reset"],
    ["UND_ERR_SOCKET", "connection_reset"],
    ["EAI_AGAIN", "dns_failure"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
    ["CERT_HAS_EXPIRED", "tls_error"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls_error"],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "tls_error"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls_error"],
    ["UND_ERR_HEADERS_OVERFLOW", "protocol_error"],
    ["HPE_INVALID_CONSTANT", "protocol_error"],
    ["UND_ERR_RES_CONTENT_LENGTH_MISMATCH", "protocol_error"],
  ])("maps %s to %s", (code, errorClass) => {
    expect(classifyDeliveryError(coded(code), 10_000).errorClass).toBe(errorClass);
  });

  it("looks through causes and aggregated connect attempts", () => {
    const wrapped = new TypeError("fetch failed", { cause: coded("ECONNREFUSED") });
    expect(classifyDeliveryError(wrapped, 1000).errorClass).toBe("connection_refused");
    const aggregate = new AggregateError([new Error("first"), coded("ECONNRESET")]);
    expect(classifyDeliveryError(aggregate, 1000).errorClass).toBe("connection_reset");
  });

  it("classes an HTTPParserError as the receiver's protocol error", () => {
    const parserError = Object.assign(new Error("Parse Error: Invalid header value char"), {
      name: "HTTPParserError",
      code: "HPE_INVALID_HEADER_TOKEN",
    });
    expect(classifyDeliveryError(parserError, 1000)).toEqual({
      errorClass: "protocol_error",
      errorMessage: "The receiver sent an answer that is not valid HTTP (HPE_INVALID_HEADER_TOKEN).",
    });
    expect(classifyDeliveryError(coded("UND_ERR_HEADERS_OVERFLOW"), 1000).errorMessage).toBe(
      "The receiver sent headers too large to read (UND_ERR_HEADERS_OVERFLOW).",
    );
  });

  it("keeps the policy's message for a blocked address", () => {
    expect(classifyDeliveryError(new BlockedAddressError("10.0.0.1 is a private address"), 1000)).toEqual({
      errorClass: "blocked_address",
      errorMessage: "10.0.0.1 is a private address",
    });
  });

  it("describes timeouts with the configured deadline", () => {
    expect(classifyDeliveryError(coded("UND_ERR_CONNECT_TIMEOUT"), 10_000).errorMessage).toBe("No complete answer within 10 s.");
    expect(classifyDeliveryError(coded("ETIMEDOUT"), 2500).errorMessage).toBe("No complete answer within 2.5 s.");
  });

  it("reports anything else as an internal error without its message", () => {
    expect(classifyDeliveryError(coded("EWHATEVER", "secret detail"), 1000)).toEqual({
      errorClass: "internal_error",
      errorMessage: "Delivery failed unexpectedly (EWHATEVER).",
    });
    expect(classifyDeliveryError("boom", 1000).errorClass).toBe("internal_error");
  });

  it("classes a request the client refuses to send as the portal's own failure", () => {
    for (const [code, message] of [
      ["UND_ERR_INVALID_ARG", "invalid x-note header"],
      ["UND_ERR_NOT_SUPPORTED", "expect header not supported"],
      ["ERR_INVALID_CHAR", 'Invalid character in header content ["x-note"]'],
    ]) {
      const failure = classifyDeliveryError(new TypeError("fetch failed", { cause: coded(code, message) }), 1000);
      expect(failure.errorClass).toBe("internal_error");
      expect(failure.errorMessage).toContain(message);
      expect(failure.errorMessage).toContain("nothing reached the receiver");
    }
  });
});
