// base-unpinned: corretto-app, whose Dockerfile says FROM amazoncorretto (no tag), against requirePinnedBase TAG.
def it = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = it.log(basedir)
def image = new File(testImages, 'base/corretto-app.docker.tar.gz').path
Properties p = new Properties()
new File(testImages, 'base/expected.properties').withInputStream { p.load(it) }
assert new File(basedir, 'docker/Dockerfile').text == new File(testImages, 'base/src/corretto-app/Dockerfile').text
// docker: tiny's three layers, then the COPY
assert p.getProperty('corretto-app.diffIds').split(',').size() == 4

def row = { String rule ->
    def m = log.collect { it =~ /^\[INFO\]     (PASS|FAIL|WARN|OFF|NOT SET)\s+${java.util.regex.Pattern.quote(rule)}\s{2,}(.*)$/ }
            .find { it.matches() }
    assert m != null: "no verdict row for $rule in build.log:\n" + it.interesting(log)
    return [m.group(1), m.group(2)]
}
it.assertInOrder(log, [
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        '[INFO]   Base image: docker.io/library/amazoncorretto:latest; layers 1-3 of 4 (history)',
        '[INFO]     Dockerfile docker/Dockerfile:3: amazoncorretto',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Rules:',
        '[INFO]   Verdict: FAIL',
])
assert row('allowedBaseImages') == ['PASS', 'docker.io/library/amazoncorretto:latest matches amazoncorretto']
assert row('requirePinnedBase') == ['FAIL', 'docker.io/library/amazoncorretto:latest not pinned by tag']
def breach = '[requirePinnedBase] base image docker.io/library/amazoncorretto:latest (from Dockerfile' +
        ' docker/Dockerfile:3) has no tag, so it is whatever latest is when the image is built (requirePinnedBase' +
        ' TAG); name a version tag, e.g. amazoncorretto:<version>'
it.assertLines(log, ["[ERROR]   1. ${breach}", '[INFO] BUILD FAILURE'])
it.assertNoStackTrace(log)

def r = it.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.layers*.base == [true, true, true, false]
assert r.baseImage == [name: 'docker.io/library/amazoncorretto:latest', digest: null,
                       evidence: [[source: 'Dockerfile docker/Dockerfile:3', value: 'amazoncorretto']], conflicts: [],
                       layers: 3, layersBy: 'history']
assert r.findings*.message == [breach - '[requirePinnedBase] ']
assert r.verdict == 'FAIL'
return true
