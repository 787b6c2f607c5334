#!/usr/bin/env python3
"""The house's arrows point one way: desktop -> (D-Bus or HTTP) -> engine/api ->
engine services -> src. Reads every #include "..." of the C++ sources and fails,
naming the file and line, when one points against the direction:

- the façades are siblings: engine/api/rest and engine/api/dbus include neither
  each other; engine/api/docker (the JSON views both share) includes neither;
- engine services (engine/<noun>) include no façade and not the daemon;
- engine/runtime includes nothing of engine/containers (the container spec is
  engine/containerspec, its own noun);
- src/ includes nothing of engine/ and nothing of the desktop, except the desktop
  itself; src/oci and src/dockerfile stay pure (base and themselves only), and
  src/confine (the safe open below a root) needs only base;
- the desktop reaches the engine only through the bus or the API: it includes
  nothing of engine/.

Usage: check_layers.py SOURCE_ROOT"""
import pathlib, re, sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
include = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def rules_for(path):
    """(forbidden prefix, why) pairs for a source file's includes."""
    p = path.as_posix()
    rules = []
    if p.startswith('engine/api/rest/'):
        rules.append(('engine/api/dbus/', 'the façades are siblings'))
    if p.startswith('engine/api/dbus/'):
        rules.append(('engine/api/rest/', 'the façades are siblings'))
    if p.startswith('engine/api/docker/'):
        rules += [('engine/api/rest/', 'the shared views sit below the façades'),
                  ('engine/api/dbus/', 'the shared views sit below the façades')]
    if p.startswith('engine/') and not p.startswith(('engine/api/', 'engine/daemon/')):
        rules += [('engine/api/', 'services know no façade'), ('engine/daemon/', 'services know no daemon')]
    if p.startswith('engine/runtime/'):
        rules.append(('engine/containers/', 'the runtime spec is built from containerspec, not containers'))
    if p.startswith('src/'):
        rules.append(('engine/', 'src/ is below the engine'))
        if not p.startswith('src/desktop/'):
            rules.append(('desktop/', 'only the desktop includes the desktop'))
    if p.startswith('src/confine/'):
        for other in ('archive/', 'http/', 'blob/', 'oci/', 'registry/', 'desktop/'):
            rules.append((other, 'the confinement code stands alone, below everything that opens files'))
    if p.startswith(('src/oci/', 'src/dockerfile/')):
        for other in ('archive/', 'http/', 'blob/', 'registry/', 'desktop/'):
            rules.append((other, 'oci and dockerfile are pure: no I/O libraries'))
    if p.startswith(('src/desktop/', 'qml/')):
        rules.append(('engine/', 'the desktop reaches the engine over D-Bus or HTTP only'))
    return rules


problems = []
checked = 0
for path in sorted(root.rglob('*')):
    if path.suffix not in ('.h', '.cpp') or not path.is_file():
        continue
    relative = path.relative_to(root)
    if relative.parts[0] in ('build', 'tests') or relative.parts[0].startswith('.'):
        continue
    rules = rules_for(relative)
    checked += 1
    for number, line in enumerate(path.read_text(errors='replace').splitlines(), 1):
        match = include.match(line)
        if not match:
            continue
        target = match.group(1)
        for prefix, why in rules:
            if target.startswith(prefix):
                problems.append(f'{relative}:{number}: includes "{target}": {why}')

if checked < 50:
    sys.exit(f'only {checked} sources found under {root}: wrong root?')
for problem in problems:
    print(problem)
print(f'{checked} sources checked, {len(problems)} includes against the direction')
sys.exit(1 if problems else 0)
