// base-eol: the real alpine:3.11 image (OS alpine 3.11.5, as trivy's own test asserts) is past its end of life,
// 2021-11-01 by the bundled EOL table dated 2026-02-12: the build fails with the date. Its 14 apk packages (as
// trivy's test lists them) are the inventory and the SBOM.
import java.time.LocalDate
import java.time.temporal.ChronoUnit

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
// Alpine 3.11 left support on 2021-11-01 (the bundled EOL table): no advisory is written for it any more
def vulnerabilities = 'no known vulnerability in 14 packages checked; Alpine Linux 3.11 reached its end of life on' +
        ' 2021-11-01: its advisories stopped, so newer flaws in its packages are not listed'
def log = support.log(basedir)
def image = new File(testImages, '../../../../../../shared/fixtures/pkgdb/rootfs/trivy-alpine-3.11-docker-save.tar.gz').path
// the build date: the day of the build.log (the IT ran just now; a run across midnight may say either day)
def days = [LocalDate.now().minusDays(1), LocalDate.now()].collect { d -> [d, ChronoUnit.DAYS.between(LocalDate.of(2021, 11, 1), d)] }

// The archive, read here: one uncompressed layer (5,861,888 bytes, as trivy's test asserts), 488 entries, 5,591,284
// bytes of files (5.6 MB); the config digest and tag as docker saved them.
def facts = support.dockerArchiveFacts(new File(image))
assert facts.configDigest == 'sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72'
assert facts.repoTags == ['alpine:3.11']
assert facts.layers*.size == [5861888L]
assert facts.layers*.files == [488]
assert facts.layers*.contentSize == [5591284L]
assert facts.layers*.compression == ['none']
def createdBy = facts.config.history.findAll { !it.empty_layer }*.created_by
assert createdBy == ['/bin/sh -c #(nop) ADD file:0c4555f363c2672e350001f1293e689875a3760afe7b3f9146886afe67121cba in / ']
def layerDigest = facts.layers[0].diffId

// The final filesystem, built here, and its apk database: each package's regular files (F: directory + R: file, links
// count no bytes), as the inventory attributes them; the rest of the files belong to no package.
def fs = support.finalFilesystem(new File(image))
assert support.fileBytes(fs) == 5591284L
assert new String(fs['etc/alpine-release'].data as byte[], 'UTF-8').trim() == '3.11.5'
assert new String(fs['etc/os-release'].data as byte[], 'UTF-8').readLines().containsAll(
        ['ID=alpine', 'VERSION_ID=3.11.5', 'PRETTY_NAME="Alpine Linux v3.11"'])
List<Map> apk = new String(fs['lib/apk/db/installed'].data as byte[], 'UTF-8').trim().split(/\n\n/).collect { String stanza ->
    Map pkg = [owned: []]
    String dir = null
    stanza.readLines().each { String line ->
        switch (line.take(2)) {
            case 'P:': pkg.name = line.substring(2); break
            case 'V:': pkg.version = line.substring(2); break
            case 'A:': pkg.arch = line.substring(2); break
            case 'F:': dir = line.substring(2); break
            case 'R:': pkg.owned << "${dir}/${line.substring(2)}".toString(); break
        }
    }
    List<Map> regular = pkg.owned.collect { fs[it] }.findAll { it != null && it.type == 'file' }
    pkg.bytes = regular.sum(0L) { it.size as long }
    pkg.files = regular.size()
    return pkg
}
// trivy's test (pkg/fanal/artifact/image/image_test.go, alpinePkgs): these 14 packages, name and version
def trivyRows = new File(image + '.expected.tsv').readLines()*.split('\t')   // name, version, -, -, arch, source
def trivy = trivyRows.collect { [it[0], it[1]] }
assert trivy.size() == 14
assert apk.collect { [it.name, it.version] } as Set == trivy as Set
assert apk*.arch.unique() == ['x86_64']
long attributed = apk.sum(0L) { it.bytes as long }
assert attributed == 5568625L                                        // 5.6 MB
assert support.fileBytes(fs) - attributed == 22659L                  // 22.7 KB to no package
def largest = apk.sort(false) { -(it.bytes as long) }.take(10)
assert largest.collect { [it.name, it.bytes, it.files] } == [
        ['libcrypto1.1', 2684819L, 10], ['busybox', 850121L, 6], ['musl', 596528L, 1], ['libssl1.1', 519632L, 1],
        ['ca-certificates-cacert', 232783L, 1], ['apk-tools', 211328L, 1], ['musl-utils', 117917L, 5],
        ['zlib', 100144L, 1], ['libtls-standalone', 96096L, 1], ['scanelf', 79648L, 1]]
// What the security rules read: /etc/passwd (27 accounts, 27 distinct uids), /etc/shadow (27 entries, no empty
// password field), /etc/group (47 distinct gids); no USER (root), no HEALTHCHECK, 1 ENV variable, no label; one file
// over noSecrets' 1 MiB.
def lines = { String path -> new String(fs[path].data as byte[], 'UTF-8').readLines().findAll { it.trim() } }
assert lines('etc/passwd').size() == 27 && lines('etc/passwd')*.split(':')*.getAt(2).unique().size() == 27
assert lines('etc/shadow').size() == 27 && lines('etc/shadow').every { it.split(':', -1)[1] != '' }
assert lines('etc/group')*.split(':')*.getAt(2).unique().size() == 47
def config = facts.config.config
assert !config.User && !config.Healthcheck && !config.Volumes && config.Env.size() == 1 && !config.Labels
assert fs.count { k, v -> v.type == 'file' && v.size > 1024 * 1024 } == 1
// layer hygiene, computed here as dive does: one layer, every path stored once
def hygiene = support.hygieneFacts(new File(image))
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []
def purl = { Map pkg -> "pkg:apk/alpine/${pkg.name}@${pkg.version}?arch=${pkg.arch}&distro=alpine-3.11.5".toString() }

def report = new File(basedir, 'target/image-hygiene/report.json')
def sbom = new File(basedir, 'target/image-hygiene/sbom.cdx.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-eol ---",
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags alpine:3.11",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      5.6 MB      2.7 MB      488  ?     ADD file:0c4555f363c2 in /',
        '[INFO]    all      5.6 MB      2.7 MB      488        1 layer; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Base image: unknown; base layers unknown',
        '[INFO]     /etc/os-release: ID=alpine, VERSION_ID=3.11.5, PRETTY_NAME=Alpine Linux v3.11',
        '[INFO]     /etc/alpine-release: 3.11.5',
        '[INFO]   OS: Alpine Linux v3.11, end of life 2021-11-01 (EOL table of 2026-02-12)',
        '[INFO]   Java: none found',
        '[INFO]   Packages: 14 apk (alpine-3.11.5); 5.6 MB of 5.6 MB in files attributed, 22.7 KB to no package',
        '[INFO]        BYTES  PACKAGE                                       VERSION                LAYER',
        '[INFO]       2.7 MB  libcrypto1.1 (apk)                            1.1.1d-r3              #1',
        '[INFO]     850.1 KB  busybox (apk)                                 1.31.1-r9              #1',
        '[INFO]     596.5 KB  musl (apk)                                    1.1.24-r2              #1',
        '[INFO]     519.6 KB  libssl1.1 (apk)                               1.1.1d-r3              #1',
        '[INFO]     232.8 KB  ca-certificates-cacert (apk)                  20191127-r1            #1',
        '[INFO]     211.3 KB  apk-tools (apk)                               2.10.4-r3              #1',
        '[INFO]     117.9 KB  musl-utils (apk)                              1.1.24-r2              #1',
        '[INFO]     100.1 KB  zlib (apk)                                    1.2.11-r3              #1',
        '[INFO]      96.1 KB  libtls-standalone (apk)                       2.9.1-r0               #1',
        '[INFO]      79.6 KB  scanelf (apk)                                 1.2.4-r0               #1',
        *support.largestLines(new File(image)),
        '[INFO]   Rules:',
        '[INFO]     FAIL  osEndOfLife         Alpine Linux 3.11 past its end of life 2021-11-01 (EOL table of 2026-02-12)',
        '[INFO]     PASS  osEndOfLifeSoon     Alpine Linux 3.11 already past its end of life 2021-11-01 (see osEndOfLife)',
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        // the real OSV records of the ITs' database name Alpine v3.12 and later, none of v3.11
        "[INFO]     PASS  vulnerabilities     ${vulnerabilities}",
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags alpine:3.11',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 1 ENV variable, 0 labels and the history',
        '[INFO]     PASS  noSecrets           no secret; 54 text files scanned, 12 binary skipped, 1 over 1 MiB skipped',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no empty password among 27 accounts',
        '[INFO]     PASS  uniqueIds           unique: 27 uids, 47 gids',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, allowedBaseImages,' +
                ' deniedBaseImages, requirePinnedBase, unknownBase, allowedOperatingSystems, minJavaVersion,' +
                ' allowedJavaVendors, maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize,' +
                ' configAssertions, fileAssertions',
        '[INFO]   Verdict: FAIL',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${sbom}",
        *support.moreReports(basedir),
])
def breaches = days.collect { d, n ->
    "[osEndOfLife] operating system Alpine Linux v3.11 (alpine 3.11.5, from /etc/os-release, in layer #1) reached its" +
            " end of life on 2021-11-01, ${n} days before this build (${d}), by the EOL table of 2026-02-12; move to" +
            ' a supported release'
}
def breach = breaches.find { log.contains("[ERROR]   1. ${it}".toString()) }
assert breach != null: "no osEndOfLife breach line:\n" + support.interesting(log)
support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project base-eol: Image ${image} has 1 breach:",
        "[ERROR]   1. ${breach}",
        '[ERROR] -> [Help 1]',
])
support.assertLines(log, ['[INFO] BUILD FAILURE'])
// the two default-level WARN findings in the block above (noRootUser, requireHealthcheck), no other warning
assert log.count { it.startsWith('[WARNING]') } == 2
support.assertNoStackTrace(log)

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source      : image, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['alpine:3.11']]
// uncompressed layer: the compressed size is the plugin's gzip estimate, within 1.5 % of what the JDK's gzip makes of
// the layer (2,720,084 bytes here, with zlib 1.2.13; GNU gzip -6 makes 2,730,044)
def estimate = r.size.compressed as long
assert Math.abs(estimate - facts.layers[0].gzipSize) <= facts.layers[0].gzipSize * 0.015
assert r.size == [uncompressed: 5861888, compressed: estimate, compressedEstimated: true, content: 5591284]
assert r.layers == [[index      : 1, digest: layerDigest, diffId: layerDigest, compressedSize: estimate, blobSize: 5861888,
                     compression: 'none', size: 5861888, contentSize: 5591284, files: 488, createdBy: createdBy[0],
                     base       : null]]
assert r.os == [id: 'alpine', versionId: '3.11.5', prettyName: 'Alpine Linux v3.11', eol: '2021-11-01',
                distroless: false, eolTableDate: '2026-02-12']
assert r.java == null
assert r.baseImage == [name     : null, digest: null,
                       evidence : [[source: '/etc/os-release', value: 'ID=alpine, VERSION_ID=3.11.5, PRETTY_NAME=Alpine Linux v3.11'],
                                   [source: '/etc/alpine-release', value: '3.11.5']],
                       conflicts: [], layers: null, layersBy: 'unknown']
assert r.inventory == [os             : [id: 'alpine', versionId: '3.11.5', distro: 'alpine-3.11.5'], counts: [apk: 14],
                       fileBytes      : support.fileBytes(fs), attributedBytes: attributed,
                       unattributedBytes: support.fileBytes(fs) - attributed,
                       // every package, in the database's order, as a later diff reads them
                       packages       : apk.collect { pkg -> [purl: purl(pkg), version: pkg.version, bytes: pkg.bytes, evidence: 'apk installed'] },
                       largest        : largest.collect { pkg ->
                           [type : 'apk', name: pkg.name, version: pkg.version, purl: purl(pkg), bytes: pkg.bytes,
                            files: pkg.files, layer: 1, layerDigest: layerDigest, location: '/lib/apk/db/installed']
                       }]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'NOT_SET', summary: '5.6 MB, no budget set'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '2.7 MB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 5.6 MB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '1 layer, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no allow-list set'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no deny-list set'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'NOT_SET', summary: 'base unknown, no base policy set'],
        [rule: 'allowedOperatingSystems', level: 'ERROR', status: 'NOT_SET', summary: 'Alpine Linux v3.11, no allow-list set'],
        [rule: 'osEndOfLife', level: 'ERROR', status: 'FAIL', summary: 'Alpine Linux 3.11 past its end of life 2021-11-01 (EOL table of 2026-02-12)'],
        [rule: 'osEndOfLifeSoon', level: 'WARN', status: 'PASS', summary: 'Alpine Linux 3.11 already past its end of life 2021-11-01 (see osEndOfLife)'],
        [rule: 'minJavaVersion', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no minimum set'],
        [rule: 'allowedJavaVendors', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no allow-list set'],
        [rule: 'minEfficiency', level: 'ERROR', status: 'PASS', summary: 'efficiency 1.0000 (minimum 0.9)'],
        [rule: 'maxWastedBytes', level: 'ERROR', status: 'NOT_SET', summary: '0 B wasted, no budget set'],
        [rule: 'maxWastedPercent', level: 'ERROR', status: 'PASS', summary: '0.00 % wasted (maximum 10 %)'],
        [rule: 'maxReclaimable', level: 'ERROR', status: 'NOT_SET', summary: '0 B reclaimable (0.00 %), no budget set'],
        [rule: 'noPackageCaches', level: 'WARN', status: 'PASS', summary: 'no caches'],
        [rule: 'historyLint', level: 'WARN', status: 'PASS', summary: 'no issues'],
        [rule: 'noBuildTools', level: 'WARN', status: 'PASS', summary: 'no build tools'],
        [rule: 'javaLayering', level: 'WARN', status: 'PASS', summary: 'no Java application layers found'],
        [rule: 'deniedPackages', level: 'ERROR', status: 'NOT_SET', summary: '14 packages (14 OS, 0 Java), no denied packages set'],
        [rule: 'maxPackageSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest package libcrypto1.1 2.7 MB, no budget set'],
        [rule: 'vulnerabilities', level: 'ERROR', status: 'PASS', summary: vulnerabilities],
        [rule: 'noRootUser', level: 'WARN', status: 'WARN', summary: 'runs as root (no USER)'],
        [rule: 'requireHealthcheck', level: 'WARN', status: 'WARN', summary: 'no HEALTHCHECK'],
        [rule: 'noSensitiveVolumes', level: 'ERROR', status: 'PASS', summary: 'no VOLUME'],
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags alpine:3.11'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 1 ENV variable, 0 labels and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 54 text files scanned, 12 binary skipped, 1 over 1 MiB skipped'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no empty password among 27 accounts'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'unique: 27 uids, 47 gids'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
// the OS is read from /etc/os-release of layer 1; nothing names the base, so whose it is stays unknown
assert r.findings == [support.located([rule: 'osEndOfLife', level: 'ERROR', message: breach - '[osEndOfLife] '],
                                      [subject: 'os:alpine:3.11.5', path: '/etc/os-release', layer: 1, origin: 'unknown'])] + support.rootAndHealthcheck('unknown')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'FAIL'

// sbom.cdx.json: the image by its tag; the operating system and all 14 packages (trivy's list), each with its purl and
// the layer it came from
def b = support.assertSbomOf(sbom, r, pluginVersion)
assert b.metadata.component.name == 'alpine'
assert b.metadata.component.purl == "pkg:oci/alpine@${facts.configDigest.replace(':', '%3A')}?tag=3.11".toString()
assert b.components[0] == [type: 'operating-system', 'bom-ref': 'os:alpine-3.11.5', name: 'alpine', version: '3.11.5',
                           description: 'Alpine Linux v3.11']
List<Map> libraries = b.components.drop(1)
assert libraries*.type.unique() == ['library']
assert libraries.collect { [it.name, it.version] } as Set == trivy as Set
assert libraries.size() == 14
libraries.each { c ->
    Map pkg = apk.find { it.name == c.name }
    assert c.purl == purl(pkg) && c['bom-ref'] == purl(pkg)
    Map<String, String> props = (c.properties as List<Map>).collectEntries { [(it.name): it.value] }
    assert props['image-hygiene:layer:index'] == '1'
    assert props['image-hygiene:layer:digest'] == layerDigest
    assert props['image-hygiene:bytes'] == pkg.bytes as String
    assert props['image-hygiene:files'] == (pkg.files > 0 ? pkg.files as String : null) // none for a package of no file
    def row = trivyRows.find { it[0] == c.name }
    assert props['image-hygiene:arch'] == row[4]
    assert props['image-hygiene:sourcePackage'] == (row[5] != c.name ? row[5] : null)  // trivy's SrcName, when another
    assert c.evidence == [occurrences: [[location: '/lib/apk/db/installed']]]
}
return true
