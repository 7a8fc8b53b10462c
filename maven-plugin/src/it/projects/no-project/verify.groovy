// no-project: the goal by its coordinates in a folder without a POM (Maven's stub project, whose paths are not
// interpolated), every list parameter from a comma-separated user property (test.properties). The report goes to
// ./target/image-hygiene/, as without a project there is no other build folder.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
File image = new File(basedir, '../../../../core/src/test/resources/images/busybox-app.docker.tar').canonicalFile
def facts = support.dockerArchiveFacts(image)
assert facts.repoTags == ['image-hygiene/busybox-app:1.0']
// dive's waste of this image, computed here: the 100 KiB blob that layer 4 deletes; ignorePaths leaves /app/data out
def hygiene = support.hygieneFacts(image)
assert hygiene.wastedBytes == 102400L && hygiene.inefficient.keySet() == ['/app/data/blob.bin'] as Set

def report = new File(basedir, 'target/image-hygiene/report.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default-cli) @ standalone-pom ---",
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene/busybox-app:1.0",
])
support.assertLines(log, [
        // baseImages=tiny.docker.tar,busybox-app.docker.tar: the second is the image's own four layers
        "[INFO]   Base image: docker.io/image-hygiene/busybox-app:1.0 ${facts.configDigest}; layers 1-4 of 4 (fingerprint)",
        '[INFO]     fingerprint (layers 1-4 = the diff_ids of ../../../../core/src/test/resources/images/busybox-app.docker.tar):' +
                ' image-hygiene/busybox-app:1.0',
        // allowedBaseImages=debian:12,image-hygiene/busybox-app:* and deniedBaseImages=openjdk:*,busybox:1.35
        '[INFO]     PASS  allowedBaseImages   docker.io/image-hygiene/busybox-app:1.0 matches image-hygiene/busybox-app:*',
        '[INFO]     PASS  deniedBaseImages    docker.io/image-hygiene/busybox-app:1.0 matches none of 2 denied',
        // ignorePaths=/app/data/**,/tmp/**: the blob is left out of every hygiene figure
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 in your layers (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted in your layers (maximum 10 %)',
        '[INFO]   Verdict: PASS',
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${new File(basedir, 'target/image-hygiene/sbom.cdx.json')}",
        '[INFO] BUILD SUCCESS',
])
assert log.count { it.startsWith('[WARNING]') } == 1 // requireHealthcheck, at its default level
support.assertNoLineStartingWith(log, '[ERROR]')

// exactly what the README promises: ./target/image-hygiene/, and no folder named after an uninterpolated expression
assert report.isFile()
def stray = []
basedir.eachFileRecurse { if (it.name.contains('${')) { stray << it } }
assert stray == []
assert basedir.list().findAll { !it.startsWith('.') }.sort() == ['build.log', 'invoker.properties', 'target', 'test.properties', 'verify.groovy']

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image.source == image.path
assert r.baseImage.name == 'docker.io/image-hygiene/busybox-app:1.0'
assert r.layers*.base == [true, true, true, true]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent] == [1.0d, 0L, 0.0d]
assert r.rules.find { it.rule == 'allowedBaseImages' }.status == 'PASS'
assert r.rules.find { it.rule == 'deniedBaseImages' }.status == 'PASS'
// the config is on a known base: the build's own
assert r.findings == [support.rootAndHealthcheck('own')[1]]
assert r.verdict == 'PASS'
return true
