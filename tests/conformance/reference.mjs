// The reference side of the Fluent conformance suite
// (tests/testsuite/conformance.rs): formats every case with @fluent/bundle,
// the reference implementation of Fluent, on this Node's ECMA-402 `Intl`.
//
// Input (stdin, JSON): { "resource": FTL text, "locales": [tags],
//   "cases": [{ "id", "attribute"?, "args": { name: { "type", "value" } } }] }
// Output (stdout, JSON): { "versions": {…}, "results": { locale: { id:
//   { "text", "errors": [messages] } } } }
//
// Arguments arrive typed the way report's data gives them: "number" (a
// float), "integer" (decimal digits, exact), "date" / "datetime" (ISO 8601,
// no zone: formatted in UTC, which this process is pinned to), "string".
//
// fluent.js's own NUMBER() passes translators only some options to
// Intl.NumberFormat (style, currency and notation are the developer's, set
// on the argument). report lets the message set them all, so the NUMBER
// registered here passes every option through, as the issue that asked for
// this suite says; DATETIME and selects are fluent.js's own.

import { FluentBundle, FluentResource, FluentNumber, FluentNone, FluentType } from "@fluent/bundle";

process.env.TZ = "UTC";

function NUMBER([arg], named) {
  const options = {};
  for (const [name, value] of Object.entries(named)) {
    options[name] = value instanceof FluentType ? value.valueOf() : value;
  }
  if (arg instanceof FluentNone) {
    return new FluentNone(`NUMBER(${arg.valueOf()})`);
  }
  if (arg instanceof FluentNumber) {
    return new FluentNumber(arg.valueOf(), { ...arg.opts, ...options });
  }
  throw new TypeError("Invalid argument to NUMBER");
}

function argument({ type, value }) {
  switch (type) {
    case "number":
      return value;
    case "integer":
      return Number(value);
    case "date":
    case "datetime":
      return new Date(`${value}${type === "date" ? "T00:00:00" : ""}Z`);
    case "string":
      return value;
    default:
      throw new Error(`unknown argument type ${type}`);
  }
}

function format(bundle, { id, attribute, args }) {
  const message = bundle.getMessage(id);
  const errors = [];
  if (!message) {
    return { text: null, errors: [`unknown message ${id}`] };
  }
  const pattern = attribute ? message.attributes[attribute] : message.value;
  const values = Object.fromEntries(Object.entries(args ?? {}).map(([k, v]) => [k, argument(v)]));
  let text;
  try {
    text = bundle.formatPattern(pattern, values, errors);
  } catch (error) {
    errors.push(error);
  }
  return { text: text ?? null, errors: errors.map(String) };
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { resource, locales, cases } = JSON.parse(input);

const results = {};
for (const locale of locales) {
  const bundle = new FluentBundle(locale, { useIsolating: false, functions: { NUMBER } });
  const problems = bundle.addResource(new FluentResource(resource));
  if (problems.length) throw new Error(problems.map(String).join("\n"));
  results[locale] = Object.fromEntries(cases.map((c) => [c.id, format(bundle, c)]));
}

const versions = { node: process.versions.node, icu: process.versions.icu, cldr: process.versions.cldr };
process.stdout.write(JSON.stringify({ versions, results }));
