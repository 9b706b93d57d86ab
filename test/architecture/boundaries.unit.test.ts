/**
 * The two layers that cross the workflow sandbox keep to their imports, read from the source with
 * the TypeScript parser (so `import type`, `export … from`, `require` and `import()` all count):
 *
 * - src/contracts/ is loaded by the bot, the worker and the workflow bundle alike: it imports
 *   @temporalio/workflow and itself, nothing else (not even types, so it can never grow a path
 *   into MikroORM or discord.js).
 * - src/workflows/ is replayed: values come only from @temporalio/workflow, the contracts and other
 *   workflow files; the activities are visible as types only (for proxyActivities).
 *
 * ESLint guards the same rule while editing; this test makes a broken boundary fail the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from '../harness/paths';

interface ImportRef {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allNamedAreTypes =
        named !== undefined &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      refs.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: clause?.isTypeOnly === true || (clause?.name === undefined && allNamedAreTypes),
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      refs.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      refs.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      refs.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(ROOT, dir, f));

/** Every import of `dir` that `allowed` refuses, as `file: specifier`. */
function violations(dir: string, allowed: (ref: ImportRef) => boolean): string[] {
  return tsFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((ref) => !allowed(ref))
      .map((ref) => `${relative(ROOT, file)}: ${ref.typeOnly ? 'type ' : ''}${ref.specifier}`),
  );
}

const WORKFLOW_SDK = '@temporalio/workflow';
const SIBLING = /^\.\/[^/]+$/;

it('src/contracts imports only the workflow SDK and itself', () => {
  expect(tsFiles('src/contracts').length).toBeGreaterThan(5);
  expect(
    violations('src/contracts', (ref) => ref.specifier === WORKFLOW_SDK || SIBLING.test(ref.specifier)),
  ).toEqual([]);
});

it('src/workflows takes values only from the workflow SDK, the contracts and other workflows', () => {
  expect(tsFiles('src/workflows').length).toBeGreaterThan(5);
  const contract = /^\.\.\/contracts\/[^/]+$/;
  expect(
    violations(
      'src/workflows',
      (ref) =>
        ref.specifier === WORKFLOW_SDK ||
        SIBLING.test(ref.specifier) ||
        contract.test(ref.specifier) ||
        (ref.typeOnly && ref.specifier === '../activities'),
    ),
  ).toEqual([]);
});

it('sees every kind of import it guards (a check that cannot see an import cannot fail)', () => {
  const probe = join(ROOT, 'test', 'architecture', 'fixtures', 'imports-probe.ts.txt');
  expect(importsOf(probe)).toEqual([
    { specifier: 'a-value', typeOnly: false },
    { specifier: 'a-type', typeOnly: true },
    { specifier: 'named-types', typeOnly: true },
    { specifier: 'mixed', typeOnly: false },
    { specifier: 're-exported', typeOnly: false },
    { specifier: 'dynamic', typeOnly: false },
    { specifier: 'required', typeOnly: false },
    { specifier: 'inline-type', typeOnly: true },
  ]);
});
