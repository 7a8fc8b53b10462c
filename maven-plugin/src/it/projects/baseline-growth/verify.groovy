// baseline-growth: the baseline goal writes tiny's report; the check of jib-on-tiny compares with it. Sizes and
// diff_ids from the fixture script's record of docker and skopeo (expected.properties); files from the archives.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
long before = p.getProperty('tiny.docker.totalSize') as long
long after = p.getProperty('jib-on-tiny.totalSize') as long
assert [before, after] == [56320L, 56973L]
def beforeIds = support.strings(p, 'tiny.docker.diffIds')
def afterIds = support.strings(p, 'jib-on-tiny.diffIds')
def addedIds = afterIds - beforeIds
assert addedIds.size() == 3 && afterIds.take(3) == beforeIds

File baseline = new File(basedir, 'src/main/docker/image-baseline.json')
assert baseline.isFile()
support.assertLines(log, [
        "[INFO] Baseline written: ${baseline} (${support.human(before)}, 3 layers, 2 findings); set <baseline> to it and commit it".toString(),
        "[INFO]   Baseline: ${baseline} (report of ${testImages}/tiny.docker.tar): ${support.human(before)} → ${support.human(after)} (+${after - before} B, +1.2 %), compressed 835 B → 2.4 KB (+1.5 KB)".toString(),
        // the two new findings are the growth budgets' own breaches; tiny's two (no USER, no HEALTHCHECK) stay
        '[INFO]     layers 3 added, 0 removed, 3 unchanged; packages 0 added, 0 removed, 0 changed; findings 2 new, 0 gone',
])
// the growth: 653 B over a budget of 500 B; the compressed growth, 1.5 KB, over 50 % of 835 B
def growth = "image grew by ${after - before} B (+1.2 %) from ${support.human(before)} in the baseline to ${support.human(after)}, ${after - before - 500} B over the budget of 500 B; what grew most: layer #5 590 B (jib-maven-plugin:3.5.2); layer #6 63 B (jib-maven-plugin:3.5.2); directory /app/classes +590 B; directory /app +63 B".toString()
assert log.any { it.contains("[maxGrowth] ${growth}".toString()) }: log.findAll { it.contains('maxGrowth') }.join('\n')

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.diff.baseline.kind == 'report' && r.diff.baseline.digest == p.getProperty('tiny.docker.configDigest')
assert r.diff.size.before == before && r.diff.size.after == after && r.diff.size.delta == after - before
assert r.diff.layers.added*.diffId == addedIds && r.diff.layers.removed == [] && r.diff.layers.unchanged == 3
// the files Jib added, as the archives themselves list them: the largest of the final filesystem not in tiny's
def old = support.attribution(new File(testImages, 'tiny.docker.tar')).files*.path as Set
def expectedFiles = support.attribution(new File(testImages, 'jib-on-tiny.tar')).files.findAll { !(it.path in old) }
assert r.diff.files.added == expectedFiles
assert r.diff.findings.new*.rule == ['maxGrowth', 'maxCompressedGrowth'] && r.diff.findings.gone == []
assert r.rules.find { it.rule == 'maxGrowth' }.status == 'FAIL'
assert r.rules.find { it.rule == 'maxCompressedGrowth' }.status == 'FAIL'
assert r.verdict == 'FAIL'
// the baseline file is a report.json as any other
def b = support.report(baseline)
assert b.image.source == "${testImages}/tiny.docker.tar".toString() && b.attribution.files*.path == ['/data/large.txt', '/data/medium.txt', '/data/small.txt']
return true
