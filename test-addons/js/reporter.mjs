// A node:test reporter that prints one JSON line per finished test, for the JUnit runner.
export default async function* lines(source) {
  const names = [];
  for await (const event of source) {
    if (event.type === 'test:start') {
      names[event.data.nesting] = event.data.name;
    } else if (event.type === 'test:pass' || event.type === 'test:fail') {
      const { data } = event;
      if (data.details?.type === 'suite') continue;
      const name = names.slice(0, data.nesting).concat(data.name).join(' > ');
      const error = data.details?.error;
      const cause = error?.cause ?? error;
      yield JSON.stringify({
        name,
        ok: event.type === 'test:pass',
        skipped: Boolean(data.skip || data.todo),
        error: cause ? String(cause.stack ?? cause) : undefined,
      }) + '\n';
    }
  }
}
