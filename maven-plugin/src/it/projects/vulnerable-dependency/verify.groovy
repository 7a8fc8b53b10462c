// vulnerable-dependency: the project depends on log4j-core 2.14.1; Jib puts it in /app/libs (layer #1, the
// dependencies layer, over scratch: the build's own). Matched against the real OSV records of the ITs' database (the
// core's src/test/fixtures/osv, loose GHSA records), Log4Shell and CVE-2021-45046 (CRITICAL, fixable) fail the build
// with the jar, the layer and the fix; CVE-2021-45105 (HIGH) is suppressed by its GHSA alias; CVE-2021-44832 and
// CVE-2026-34480 (MEDIUM) are reported, not failed.
import groovy.json.JsonSlurper

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def tar = new File(basedir, 'target/jib-image.tar')
def facts = support.dockerArchiveFacts(tar)
def records = new File(testImages, '../../fixtures/osv/maven') // the ITs' vulnerabilityDatabase
assert records.isDirectory()
def record = { String id -> new JsonSlurper().parse(new File(records, id + '.json')) }

// What the records say: their CVE alias, and the fix of the range holding 2.14.1 ([2.13.0, fixed) in each)
def fixOf = { Map r -> r.affected.collectMany { it.ranges }.collectMany { it.events }
        .find { it.fixed && it.fixed.startsWith('2.1') && it.fixed > '2.14' && it.fixed.length() <= 6 }?.fixed }
def log4shell = record('GHSA-jfh8-c2jp-5v3q')
def ctx = record('GHSA-7rjr-3q55-vv33')
assert log4shell.aliases == ['CVE-2021-44228'] && ctx.aliases == ['CVE-2021-45046']
assert fixOf(log4shell) == '2.15.0' && fixOf(ctx) == '2.16.0'
// the version that fixes all five found: GHSA-3pxv-7cmr-fjr4's (CVE-2026-34480), fixed in 2.25.4, the highest
def latest = record('GHSA-3pxv-7cmr-fjr4').affected[0].ranges[0].events.find { it.fixed }.fixed
assert latest == '2.25.4'
// base scores as NVD rates these CVSS 3.1 vectors: 10.0 and 9.0
def jar = '/app/libs/log4j-core-2.14.1.jar'
def line = { String cve, String ghsa, String score, String fixed ->
    "[vulnerabilities] ${cve} (${ghsa}) CRITICAL ${score} in org.apache.logging.log4j:log4j-core 2.14.1 at ${jar}" +
            " (layer #1, in your layers): fixed in ${fixed}; update log4j-core to ${latest}, which fixes all 5 found in it"
}
def first = line('CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q', '10.0', '2.15.0')
def second = line('CVE-2021-45046', 'GHSA-7rjr-3q55-vv33', '9.0', '2.16.0')

def fs = support.finalFilesystem(tar)
def row = { String name -> String.format(Locale.ROOT, '[INFO]   %10s  %-44s  %-22s %s',
        support.human((fs["app/libs/${name}-2.14.1.jar".toString()].data as byte[]).length),
        "org.apache.logging.log4j:${name} (maven)", '2.14.1', '#1') }
support.assertInOrder(log, [
        row('log4j-core'),
        row('log4j-api'),
        '[INFO]     FAIL  vulnerabilities     5 vulnerabilities in 1 of 2 packages checked (2 CRITICAL, 1 HIGH,' +
                ' 2 MEDIUM; 0 in the base, 5 own), 3 fail (HIGH or worse with a fix); 1 suppressed',
        '[INFO]   Verdict: FAIL',
])
support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project vulnerable-dependency: Image ${tar} has 2 breaches:",
        "[ERROR]   1. ${first}",
        "[ERROR]   2. ${second}",
        '[ERROR] -> [Help 1]',
])
support.assertNoStackTrace(log)

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
assert r.vulnerabilityCheck == [checked: true, unavailable: null, packagesChecked: 2, recordsRead: r.vulnerabilityCheck.recordsRead,
                                sources: r.vulnerabilityCheck.sources, notCovered: [:]]
// most severe first, then by score: the MEDIUM ones are CVE-2026-34480 (CVSS 4.0, 6.9) and CVE-2021-44832 (3.1, 6.6)
assert r.vulnerabilities*.id == ['CVE-2021-44228', 'CVE-2021-45046', 'CVE-2021-45105', 'CVE-2026-34480', 'CVE-2021-44832']
def v = r.vulnerabilities[0]
assert v == [id: 'CVE-2021-44228', aliases: ['GHSA-jfh8-c2jp-5v3q'], related: [], ecosystem: 'Maven',
             name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1',
             package: 'org.apache.logging.log4j:log4j-core', packageVersion: '2.14.1',
             purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', fixed: '2.15.0', severity: 'CRITICAL',
             score: 10.0, vector: log4shell.severity[0].score, path: jar, layer: 1, origin: 'own',
             summary: log4shell.summary, records: ['GHSA-jfh8-c2jp-5v3q']]
def purl = 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'
assert r.findings == [support.finding("[ERROR]   1. ${first}",
                              [subject: purl + ' CVE-2021-44228', path: jar, layer: 1, origin: 'own'])
                              + [ids: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']],
                      support.finding("[ERROR]   2. ${second}",
                              [subject: purl + ' CVE-2021-45046', path: jar, layer: 1, origin: 'own'])
                              + [ids: ['CVE-2021-45046', 'GHSA-7rjr-3q55-vv33']],
                      *support.rootAndHealthcheck('own')]
// the suppression by the GHSA alias took CVE-2021-45105
assert r.suppressions.suppressed.size() == 1
def s = r.suppressions.suppressed[0]
assert s.ids == ['CVE-2021-45105', 'GHSA-p6xc-xr62-6r2g'] && s.suppression == 1 && s.until == '2099-12-31'
assert r.suppressions.expired == [] && r.suppressions.unused == []

// sbom.cdx.json: each vulnerability affects the jar's component
def b = new JsonSlurper().parse(new File(basedir, 'target/image-hygiene/sbom.cdx.json'))
def component = b.components.find { it.purl == purl }
assert component['bom-ref'] == jar
assert b.vulnerabilities*.id == r.vulnerabilities*.id
assert b.vulnerabilities.every { it.affects*.ref == [jar] }
assert b.vulnerabilities[0].ratings == [[score: 10.0, severity: 'critical', method: 'CVSSv31',
                                          vector: log4shell.severity[0].score]]
return true
