// base-allowed: Jib (buildTar) on tar://…/tiny.docker.tar; the plugin reads Jib's <from><image>, fingerprints the
// tar, names the base image-hygiene/tiny:1.0 and marks its 3 layers as base; allowed, not denied: BUILD SUCCESS.
def it = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = it.log(basedir)
def p = it.facts(testImages)
def tiny = new File(testImages, 'tiny.docker.tar').path
def tar = new File(basedir, 'target/jib-image.tar')
def facts = it.dockerArchiveFacts(tar)

// The bottom three layers are tiny's (same diff_ids, as docker reports them for tiny.docker.tar); Jib's are on top.
def tinyDiffIds = it.strings(p, 'tiny.docker.diffIds')
assert facts.layers*.diffId.take(3) == tinyDiffIds
int n = facts.layers.size()
assert n > 3
assert facts.config.history.drop(facts.config.history.size() - (n - 3))*.created_by.every { it.startsWith('jib-maven-plugin:') }

// "[INFO]     STATUS   ruleId   summary" whatever the width of the rule column
def row = { String rule ->
    def m = log.collect { it =~ /^\[INFO\]     (PASS|FAIL|WARN|OFF|NOT SET)\s+${java.util.regex.Pattern.quote(rule)}\s{2,}(.*)$/ }
            .find { it.matches() }
    assert m != null: "no verdict row for $rule in build.log:\n" + it.interesting(log)
    return [m.group(1), m.group(2)]
}

it.assertInOrder(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-allowed ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   Base image: docker.io/image-hygiene/tiny:1.0 ${p.getProperty('tiny.docker.configDigest')}; layers 1-3 of ${n} (fingerprint)",
        "[INFO]     jib-maven-plugin <from><image>: tar://${tiny}",
        "[INFO]     fingerprint (layers 1-3 = the diff_ids of ${tiny}): image-hygiene/tiny:1.0",
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Rules:',
        '[INFO]   Verdict: PASS',
])
// the layer table's BASE column
def header = log.find { it.startsWith('[INFO]      #        SIZE  COMPRESSED    FILES') }
assert header == '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY'
(1..n).each { i ->
    def r = log.find { it ==~ /^\[INFO\]\s+${i}\s+\S+ \S+\s+\S+ \S+\s+\d+  (base|own |\?   )  .*$/ }
    assert r != null: "no table row for layer $i"
    assert r.split(/\s+/)[7] == (i <= 3 ? 'base' : 'own')
}
assert row('allowedBaseImages') == ['PASS', 'docker.io/image-hygiene/tiny:1.0 matches image-hygiene/tiny:1.*']
assert row('deniedBaseImages') == ['PASS', 'docker.io/image-hygiene/tiny:1.0 matches none of 1 denied']
assert row('requirePinnedBase') == ['NOT SET', 'docker.io/image-hygiene/tiny:1.0, no pinning required']
assert row('unknownBase') == ['PASS', "docker.io/image-hygiene/tiny:1.0 (from fingerprint (layers 1-3 = the diff_ids of ${tiny}))".toString()]
assert row('osEndOfLife') == ['NOT SET', 'no operating system found']
it.assertLines(log, ['[INFO] BUILD SUCCESS'])
it.assertNoLineStartingWith(log, '[WARNING]', '[ERROR]')

def r = it.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.layers*.base == [true, true, true] + [false] * (n - 3)
assert r.baseImage.name == 'docker.io/image-hygiene/tiny:1.0'
assert r.baseImage.digest == p.getProperty('tiny.docker.configDigest')
assert r.baseImage.evidence == [
        [source: 'jib-maven-plugin <from><image>', value: "tar://${tiny}".toString()],
        [source: "fingerprint (layers 1-3 = the diff_ids of ${tiny})".toString(), value: 'image-hygiene/tiny:1.0'],
]
assert r.baseImage.conflicts == []
assert r.os == null
assert r.java == null
assert r.verdict == 'PASS'
return true
