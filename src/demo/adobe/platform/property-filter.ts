/**
 * `property=` filters of Schema Registry (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/appendix)
 * and Catalog (https://experienceleague.adobe.com/en/docs/experience-platform/catalog/api/filter-data): `field==value`,
 * `field!=value` and `field~regex` on a member of the item's view (a dotted path reads nested members); repeated ones
 * are ANDed and a comma separates alternatives. Returns the predicate, or a problem.
 */
export function propertyFilter(expressions: readonly string[]): ((view: Record<string, unknown>) => boolean) | { problem: string } {
  const tests: ((view: Record<string, unknown>) => boolean)[] = [];
  for (const expression of expressions) {
    const match = /^([\w:$@.-]+)(==|!=|~)(.+)$/s.exec(expression);
    if (!match) return { problem: `Invalid property filter '${expression}'.` };
    const [, field = '', operator, raw = ''] = match;
    const values = raw.split(',');
    const read = (view: Record<string, unknown>) =>
      [valueAt(view, field)]
        .flat()
        .filter((v) => v !== undefined)
        .map(String);
    if (operator === '~') {
      let pattern: RegExp;
      try {
        pattern = new RegExp(raw);
      } catch {
        return { problem: `Invalid regular expression in property filter '${expression}'.` };
      }
      tests.push((view) => read(view).some((v) => pattern.test(v)));
    } else {
      const hit = (view: Record<string, unknown>) => read(view).some((v) => values.includes(v));
      tests.push(operator === '==' ? hit : (view) => !hit(view));
    }
  }
  return (view) => tests.every((test) => test(view));
}

/** The member at a dotted path (`schemaRef.id`), or the member named with dots when the view has one (`xdm:sourceSchema`). */
function valueAt(view: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(view, path)) return view[path];
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), view);
}
