// oci-archive-input: tiny.oci.tar (skopeo oci-archive, 3 gzip layers, ref name 1.0) within four budgets.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def image = new File(testImages, 'tiny.oci.tar').path

assert p.getProperty('tiny.oci.format') == 'oci-archive'
// the layers' file bytes (docker history's layer sizes): what maxSize, maxLayerSize and the SIZE column measure
assert support.longs(p, 'tiny.oci.contentSizes') == [3072L, 12288L, 40960L]      // 3.1 KB, 12.3 KB, 41.0 KB (= 40.0 KiB)
assert support.longs(p, 'tiny.oci.contentSizes').sum() == 56320L                 // 56.3 KB of 100 KB
// the same image as tiny.docker.tar, whose .Size docker image inspect stated when it was loaded
assert support.strings(p, 'tiny.oci.diffIds') == support.strings(p, 'tiny.docker.diffIds')
assert p.getProperty('tiny.docker.totalSize') as long == 56320L
assert support.longs(p, 'tiny.oci.uncompressedSizes') == [5120L, 14336L, 43008L] // the tar streams: 62,464 in all
assert support.longs(p, 'tiny.oci.compressedSizes') == [229L, 269L, 370L]         // 868 B = 0.9 KB of 1 KB
assert support.longs(p, 'tiny.oci.files') == [2L, 2L, 2L]
assert p.getProperty('tiny.oci.manifestDigest') == 'sha256:d46a14e553e41036f9c0e2e0b557c3379258588c46354c53d8766ff5a019e478'
assert p.getProperty('tiny.oci.refName') == '1.0'
assert p.getProperty('tiny.oci.createdBy').split(/\|/).collect { it.replaceAll(/^.*COPY (file:\p{XDigit}{12})\p{XDigit}{52} (in \S+) $/, 'COPY $1 $2') } ==
        ['COPY file:20a6fed4d235 in /data/small.txt', 'COPY file:b373a819b97e in /data/medium.txt',
         'COPY file:ee399bfb1bf8 in /data/large.txt']

// The same three layers (same diff IDs) as tiny.docker.tar: its final filesystem, built here, is this image's.
assert support.strings(p, 'tiny.oci.diffIds') == support.strings(p, 'tiny.docker.diffIds')
def fs = support.finalFilesystem(new File(testImages, 'tiny.docker.tar'))
assert fs.findAll { k, v -> v.type == 'file' }.collectEntries { k, v -> [k, v.size] } ==
        ['data/large.txt': 40960L, 'data/medium.txt': 12288L, 'data/small.txt': 3072L]
assert support.fileBytes(fs) == 56320L                                                // 56.3 KB
// What the security rules read (the OCI config, as expected.properties has it): no USER (root), 2 ENV variables, the
// title label; the three .txt files are the text files noSecrets scans; no /etc.
assert p.getProperty('tiny.oci.user') == '' && p.getProperty('tiny.oci.env').split(/\|/).size() == 2
assert p.getProperty('tiny.oci.labels') == 'org.opencontainers.image.title=tiny'
assert fs.keySet().findAll { fs[it].type == 'file' && it.endsWith('.txt') }.size() == 3 && !fs.keySet().any { it.startsWith('etc/') }
// Layer hygiene, computed here from the same layers as dive does: each file stored once, nothing wasted or reclaimable.
def hygiene = support.hygieneFacts(new File(testImages, 'tiny.docker.tar'))
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []

def report = new File(basedir, 'target/image-hygiene/report.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ oci-archive-input ---",
        "[INFO] Image ${image} (oci-archive, linux/amd64)",
        '[INFO]   digest sha256:d46a14e553e41036f9c0e2e0b557c3379258588c46354c53d8766ff5a019e478, tags 1.0',
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      3.1 KB       229 B        2  ?     COPY file:20a6fed4d235 in /data/small.txt',
        '[INFO]      2     12.3 KB       269 B        2  ?     COPY file:b373a819b97e in /data/medium.txt',
        '[INFO]      3     41.0 KB       370 B        2  ?     COPY file:ee399bfb1bf8 in /data/large.txt',
        '[INFO]    all     56.3 KB       868 B        6        3 layers',
        '[INFO]   Base image: unknown; base layers unknown',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 56.3 KB in files attributed, 56.3 KB to no package',
        *support.largestLines(new File(image)),
        '[INFO]   Rules:',
        '[INFO]     PASS  maxSize             56.3 KB of 100 KB',
        '[INFO]     PASS  maxCompressedSize   0.9 KB of 1 KB',
        '[INFO]     PASS  maxLayerSize        largest layer 40.0 KiB of 50 KiB',
        '[INFO]     PASS  maxLayers           3 of 3 layers',
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags 1.0',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 2 ENV variables, 1 label and the history',
        '[INFO]     PASS  noSecrets           no secret; 3 text files scanned',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxGrowth, maxCompressedGrowth, allowedBaseImages, deniedBaseImages, requirePinnedBase, unknownBase,' +
                ' allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon, minJavaVersion, allowedJavaVendors,' +
                ' maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize, vulnerabilities, configAssertions, fileAssertions',
        '[INFO]   Verdict: PASS',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        *support.allReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
// the two default-level WARN findings in the block above (noRootUser, requireHealthcheck), no other warning
assert log.count { it.startsWith('[WARNING]') } == 2
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source      : image, format: 'oci-archive', digest: p.getProperty('tiny.oci.manifestDigest'),
                   configDigest: p.getProperty('tiny.oci.configDigest'), platform: 'linux/amd64', repoTags: ['1.0']]
assert r.size == [uncompressed: 62464, compressed: 868, compressedEstimated: false, content: 56320]
assert r.size.content == p.getProperty('tiny.docker.totalSize') as long // docker's .Size of the same image
assert r.layers*.digest == support.strings(p, 'tiny.oci.layerDigests')
assert r.layers*.diffId == support.strings(p, 'tiny.oci.diffIds')
assert r.layers*.compressedSize == support.longs(p, 'tiny.oci.compressedSizes')
assert r.layers*.blobSize == support.longs(p, 'tiny.oci.compressedSizes')
assert r.layers*.size == support.longs(p, 'tiny.oci.uncompressedSizes')
assert r.layers*.contentSize == support.longs(p, 'tiny.oci.contentSizes')
assert r.layers*.files == support.longs(p, 'tiny.oci.files')
assert r.layers*.compression == ['gzip', 'gzip', 'gzip']
assert r.layers*.createdBy == p.getProperty('tiny.oci.createdBy').split(/\|/) as List
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '56.3 KB of 100 KB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'PASS', summary: '0.9 KB of 1 KB'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'PASS', summary: 'largest layer 40.0 KiB of 50 KiB'],
        [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '3 of 3 layers'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no allow-list set'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no deny-list set'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'NOT_SET', summary: 'base unknown, no base policy set'],
        [rule: 'allowedOperatingSystems', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found, no allow-list set'],
        [rule: 'osEndOfLife', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found'],
        [rule: 'osEndOfLifeSoon', level: 'WARN', status: 'NOT_SET', summary: 'no operating system found'],
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
        [rule: 'deniedPackages', level: 'ERROR', status: 'NOT_SET', summary: '0 packages (0 OS, 0 Java), no denied packages set'],
        [rule: 'maxPackageSize', level: 'ERROR', status: 'NOT_SET', summary: 'no packages found'],
        [rule: 'vulnerabilities', level: 'ERROR', status: 'NOT_SET', summary: 'no packages to check'],
        [rule: 'noRootUser', level: 'WARN', status: 'WARN', summary: 'runs as root (no USER)'],
        [rule: 'requireHealthcheck', level: 'WARN', status: 'WARN', summary: 'no HEALTHCHECK'],
        [rule: 'noSensitiveVolumes', level: 'ERROR', status: 'PASS', summary: 'no VOLUME'],
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags 1.0'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 2 ENV variables, 1 label and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 3 text files scanned'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
// nothing names the base: whose the config is stays unknown
assert r.findings == support.rootAndHealthcheck('unknown')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.layers*.base == [null, null, null]
assert r.baseImage == [name: null, digest: null, evidence: [], conflicts: [], layers: null, layersBy: 'unknown']
assert r.os == null
assert r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.verdict == 'PASS'

// sbom.cdx.json: the image (bom-ref and version its manifest digest) with no package in it. An OCI layout's ref name
// is a bare tag ('1.0'): the name comes from the file, tiny.oci.tar without '.oci.tar', the tag from the ref name.
def b = support.assertSbomOf(new File(basedir, 'target/image-hygiene/sbom.cdx.json'), r, pluginVersion)
assert b.metadata.component['bom-ref'] == p.getProperty('tiny.oci.manifestDigest')
assert p.getProperty('tiny.oci.file') == 'tiny.oci.tar'
assert b.metadata.component.name == 'tiny'
assert b.metadata.component.purl ==
        "pkg:oci/tiny@${p.getProperty('tiny.oci.manifestDigest').replace(':', '%3A')}?tag=${p.getProperty('tiny.oci.refName')}".toString()
assert b.components == null
return true
