import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlRoutes } from "../src/control/control-routes.js";
import { Emulator } from "../src/index.js";

let emu: Emulator;
// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON
let doc: any;
beforeAll(async () => {
  emu = await Emulator.start();
  doc = await (await fetch(`${emu.controlApiUrl}/openapi.json`)).json();
});
afterAll(() => emu.stop());

describe("the OpenAPI 3.1 document the emulator serves", () => {
  it("lists exactly the routes of the route table, with their path parameters", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routed = controlRoutes.map((route) => `${route.method} /emulator/api${route.path}`);
    expect(documented.sort()).toEqual([...routed].sort());
    for (const route of controlRoutes) {
      const op = doc.paths[`/emulator/api${route.path}`][route.method.toLowerCase()];
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? [])
        .filter((p: { in: string }) => p.in === "path")
        .map((p: { name: string }) => p.name);
      expect(pathParams, route.path).toEqual(names);
      expect(op.responses[String(route.response.status)], route.path).toBeDefined();
      expect(op.operationId, route.path).toMatch(/^[a-z]\w+$/);
    }
    const ids = controlRoutes.map(
      (route) => doc.paths[`/emulator/api${route.path}`][route.method.toLowerCase()].operationId,
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents the very schemas the API validates with", () => {
    for (const route of controlRoutes) {
      const op = doc.paths[`/emulator/api${route.path}`][route.method.toLowerCase()];
      if (route.body?.kind === "json") {
        expect(op.requestBody.content["application/json"].schema, route.path).toEqual(route.body.schema);
      } else if (route.body?.kind === "multipart") {
        const schema = op.requestBody.content["multipart/form-data"].schema;
        for (const file of route.body.files) expect(schema.properties[file.name], route.path).toBeDefined();
        expect(schema.required, route.path).toEqual(
          expect.arrayContaining(route.body.files.filter((f) => f.required).map((f) => f.name)),
        );
      } else expect(op.requestBody, route.path).toBeUndefined();
      const queries = (op.parameters ?? [])
        .filter((p: { in: string }) => p.in === "query")
        .map((p: { name: string }) => p.name);
      expect(queries, route.path).toEqual(Object.keys(route.query?.properties ?? {}));
    }
  });

  it("has no documented path that the emulator does not answer", async () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      if (!("get" in ops) || path.includes("{") || path.endsWith("/events")) continue;
      expect((await fetch(`${emu.httpUrl}${path}`)).status, path).toBe(200);
    }
  });
});
