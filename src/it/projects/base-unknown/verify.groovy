// base-unknown: busybox-app with allowedBaseImages set and no evidence of its base: one warning, BUILD SUCCESS.
def it = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = it.log(basedir)
def p = it.facts(testImages)
def image = new File(testImages, 'busybox-app.docker.tar').path
// what docker says: no label but the title, FROM scratch-built history (COPY, then RUNs)
assert p.getProperty('busybox-app.docker.labels') == 'org.opencontainers.image.title=busybox-app'

def row = { String rule ->
    def m = log.collect { it =~ /^\[INFO\]     (PASS|FAIL|WARN|OFF|NOT SET)\s+${java.util.regex.Pattern.quote(rule)}\s{2,}(.*)$/ }
            .find { it.matches() }
    assert m != null: "no verdict row for $rule in build.log:\n" + it.interesting(log)
    return [m.group(1), m.group(2)]
}
def warning = '[unknownBase] no evidence names the base image: no org.opencontainers.image.base.name annotation or' +
        ' label, no base in the Jib, docker-maven-plugin or Dockerfile configuration, no baseImages fingerprint' +
        ' matches the image\'s layers; the base image policy cannot be checked (name the base in the build, or list' +
        ' it in baseImages)'
it.assertInOrder(log, [
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        '[INFO]   Base image: unknown; base layers unknown',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Rules:',
        '[INFO]   Verdict: PASS',
        "[WARNING] ${warning}",
        '[INFO] BUILD SUCCESS',
])
assert row('allowedBaseImages') == ['PASS', 'base unknown (see unknownBase)']
assert row('unknownBase') == ['WARN', 'no evidence names the base']
assert log.count { it.startsWith('[WARNING]') } == 1
it.assertNoLineStartingWith(log, '[ERROR]')

def r = it.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.layers*.base == [null, null, null, null]
assert r.baseImage == [name: null, digest: null, evidence: [], conflicts: [], layers: null, layersBy: 'unknown']
assert r.os == null && r.java == null
assert r.findings == [[rule: 'unknownBase', level: 'WARN', message: warning - '[unknownBase] ']]
assert r.verdict == 'PASS'
return true
