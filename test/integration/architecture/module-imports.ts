import ts from 'typescript';

export interface ModuleImport {
  specifier: string;
  /** Erased at compile time: `import type`, `export type … from`, `import('x').T`. */
  typeOnly: boolean;
  line: number;
}

/** The script blocks of a Svelte component, or the whole file for TypeScript. */
function scriptsOf(path: string, text: string): string[] {
  if (!path.endsWith('.svelte')) return [text];
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
}

/**
 * Every module a file imports, read with TypeScript's parser: static and dynamic imports,
 * re-exports, `require` calls and import types.
 */
export function moduleImports(path: string, text: string): ModuleImport[] {
  const found: ModuleImport[] = [];
  for (const script of scriptsOf(path, text)) {
    const source = ts.createSourceFile(path, script, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const add = (literal: ts.Expression, typeOnly: boolean): void => {
      if (!ts.isStringLiteralLike(literal)) return;
      const line = source.getLineAndCharacterOfPosition(literal.getStart()).line + 1;
      found.push({ specifier: literal.text, typeOnly, line });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node))
        add(node.moduleSpecifier, node.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword);
      else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly);
      else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
        add(node.moduleReference.expression, node.isTypeOnly);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
        add(node.argument.literal, true);
      } else if (ts.isCallExpression(node) && isImportOrRequire(node.expression) && node.arguments[0]) {
        add(node.arguments[0], false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function isImportOrRequire(callee: ts.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}
