// base-denied: openjdk-app (label base.name and the project's Dockerfile say openjdk:17) against
// deniedBaseImages openjdk:* and allowedBaseImages amazoncorretto:17.*-al2023: the build fails with both breaches,
// the reason and the evidence named; report.json carries baseImage, os and java with their evidence.
def it = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = it.log(basedir)
def image = new File(testImages, 'base/openjdk-app.docker.tar.gz').path
Properties p = new Properties()
new File(testImages, 'base/expected.properties').withInputStream { p.load(it) }

// this project's Dockerfile is the one that built the fixture
assert new File(basedir, 'Dockerfile').text == new File(testImages, 'base/src/openjdk-app/Dockerfile').text
def pretty = p.getProperty('openjdk-17.os.PRETTY_NAME')          // Debian GNU/Linux 12 (bookworm)
def jdk = p.getProperty('openjdk-17.java.JAVA_VERSION')          // the build machine's Debian OpenJDK 17
def vendor = p.getProperty('openjdk-17.java.IMPLEMENTOR')
def dockerfile = 'Dockerfile Dockerfile:6 (stage app <- runtime)'
def evidence = "label org.opencontainers.image.base.name, ${dockerfile}"

def row = { String rule ->
    def m = log.collect { it =~ /^\[INFO\]     (PASS|FAIL|WARN|OFF|NOT SET)\s+${java.util.regex.Pattern.quote(rule)}\s{2,}(.*)$/ }
            .find { it.matches() }
    assert m != null: "no verdict row for $rule in build.log:\n" + it.interesting(log)
    return [m.group(1), m.group(2)]
}
it.assertInOrder(log, [
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        '[INFO]   Base image: docker.io/library/openjdk:17; layers 1-4 of 5 (history)',
        '[INFO]     label org.opencontainers.image.base.name: docker.io/library/openjdk:17',
        "[INFO]     ${dockerfile}: openjdk:17",
        "[INFO]     /etc/os-release -> /usr/lib/os-release: ID=debian, VERSION_ID=12, PRETTY_NAME=${pretty}",
        "[INFO]     /etc/debian_version: ${p.getProperty('openjdk-17.os.debian_version')}",
        "[INFO]     /usr/local/openjdk-17/release: IMPLEMENTOR=${vendor}, JAVA_VERSION=${jdk} (found by JAVA_HOME=/usr/local/openjdk-17)",
        '[INFO]     /usr/local/openjdk-17/bin/javac: present: a JDK',
        "[INFO]   OS: ${pretty}, end of life 2028-06-30 (EOL table of 2026-02-12)",
        "[INFO]   Java: ${vendor} ${jdk} (JDK) in /usr/local/openjdk-17",
        '[INFO]   Rules:',
        '[INFO]   Verdict: FAIL',
])
assert row('allowedBaseImages') == ['FAIL', 'docker.io/library/openjdk:17 matches none of 1 allowed']
assert row('deniedBaseImages') == ['FAIL', 'docker.io/library/openjdk:17 is denied by openjdk:*']
assert row('unknownBase') == ['PASS', "docker.io/library/openjdk:17 (from ${evidence})".toString()]
assert row('osEndOfLife') == ['OFF', 'off']
def allowed = "[allowedBaseImages] base image docker.io/library/openjdk:17 (from ${evidence}) matches none of the" +
        ' allowed base images: amazoncorretto:17.*-al2023'
def denied = "[deniedBaseImages] base image docker.io/library/openjdk:17 (from ${evidence}) is denied by openjdk:*:" +
        ' deprecated upstream, no security updates'
it.assertLines(log, [
        "[ERROR]   1. ${allowed}",
        "[ERROR]   2. ${denied}",
        '[INFO] BUILD FAILURE',
])
it.assertNoStackTrace(log)

def r = it.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.layers*.base == [true, true, true, true, false]
assert r.baseImage.name == 'docker.io/library/openjdk:17'
assert r.baseImage.digest == null
assert r.baseImage.evidence.take(2) == [
        [source: 'label org.opencontainers.image.base.name', value: 'docker.io/library/openjdk:17'],
        [source: dockerfile, value: 'openjdk:17'],
]
assert r.baseImage.evidence*.source.drop(2) == ['/etc/os-release -> /usr/lib/os-release', '/etc/debian_version',
                                                '/usr/local/openjdk-17/release', '/usr/local/openjdk-17/bin/javac']
assert r.os == [id: 'debian', versionId: '12', prettyName: pretty, eol: '2028-06-30', distroless: false,
                eolTableDate: '2026-02-12']
assert r.java == [vendor: vendor, version: jdk, jdk: true, home: '/usr/local/openjdk-17']
assert r.findings.findAll { it.level == 'ERROR' }*.message == [allowed - '[allowedBaseImages] ', denied - '[deniedBaseImages] ']
assert r.verdict == 'FAIL'
return true
