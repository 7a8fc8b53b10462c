// base-eol: the real alpine:3.11 image (OS alpine 3.11.5, as trivy's own test asserts) is past its end of life,
// 2021-11-01 by the bundled EOL table dated 2026-02-12: the build fails with the date.
import java.time.LocalDate
import java.time.temporal.ChronoUnit

def it = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = it.log(basedir)
def image = new File(testImages, '../../../../../shared/fixtures/pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz').path
// the build date: the day of the build.log (the IT ran just now; a run across midnight may say either day)
def days = [LocalDate.now().minusDays(1), LocalDate.now()].collect { d -> [d, ChronoUnit.DAYS.between(LocalDate.of(2021, 11, 1), d)] }

def row = { String rule ->
    def m = log.collect { it =~ /^\[INFO\]     (PASS|FAIL|WARN|OFF|NOT SET)\s+${java.util.regex.Pattern.quote(rule)}\s{2,}(.*)$/ }
            .find { it.matches() }
    assert m != null: "no verdict row for $rule in build.log:\n" + it.interesting(log)
    return [m.group(1), m.group(2)]
}
it.assertInOrder(log, [
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        '[INFO]   Base image: unknown; base layers unknown',
        '[INFO]     /etc/os-release: ID=alpine, VERSION_ID=3.11.5, PRETTY_NAME=Alpine Linux v3.11',
        '[INFO]     /etc/alpine-release: 3.11.5',
        '[INFO]   OS: Alpine Linux v3.11, end of life 2021-11-01 (EOL table of 2026-02-12)',
        '[INFO]   Java: none found',
        '[INFO]   Rules:',
        '[INFO]   Verdict: FAIL',
])
assert row('osEndOfLife') == ['FAIL', 'Alpine Linux 3.11 past its end of life 2021-11-01 (EOL table of 2026-02-12)']
assert row('osEndOfLifeSoon') == ['PASS', 'Alpine Linux 3.11 already past its end of life 2021-11-01 (see osEndOfLife)']
assert row('unknownBase')[0] == 'NOT SET'
def breaches = days.collect { d, n ->
    "[osEndOfLife] operating system Alpine Linux v3.11 (alpine 3.11.5, from /etc/os-release, in layer #1) reached its" +
            " end of life on 2021-11-01, ${n} days before this build (${d}), by the EOL table of 2026-02-12; move to" +
            ' a supported release'
}
assert breaches.any { log.contains("[ERROR]   1. ${it}".toString()) }: "no osEndOfLife breach line:\n" + it.interesting(log)
it.assertLines(log, ['[INFO] BUILD FAILURE'])
it.assertNoStackTrace(log)

def r = it.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.os == [id: 'alpine', versionId: '3.11.5', prettyName: 'Alpine Linux v3.11', eol: '2021-11-01',
                distroless: false, eolTableDate: '2026-02-12']
assert r.java == null
assert r.baseImage.name == null
assert r.baseImage.evidence == [
        [source: '/etc/os-release', value: 'ID=alpine, VERSION_ID=3.11.5, PRETTY_NAME=Alpine Linux v3.11'],
        [source: '/etc/alpine-release', value: '3.11.5'],
]
assert r.layers*.base == [null]
assert r.findings*.rule == ['osEndOfLife']
assert r.verdict == 'FAIL'
return true
