// jib-within-budget: Jib's buildTar (FROM scratch) in package, image-hygiene:check in verify with maxSize 300MB.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def tar = new File(basedir, 'target/jib-image.tar')
def facts = support.dockerArchiveFacts(tar)

// The image as measured without the plugin: Jib's three layers (resources: directories only; classes: Main.class;
// jvm arg files), gzip-compressed, epoch timestamps, so the numbers are reproducible.
assert facts.repoTags == ['image-hygiene-it/jib-within-budget:1.0']
assert facts.layers*.size == [7168L, 9728L, 6656L]
assert facts.layers*.blobSize == [304L, 689L, 327L]
assert facts.layers*.files == [4, 5, 3]
assert facts.layers*.contentSize == [0L, 541L, 41L] // the file bytes: what maxSize, maxLayerSize and SIZE measure
assert facts.layers*.contentSize.sum() == 582L        // 582 B, as docker images would show it
assert facts.layers*.compression == ['gzip', 'gzip', 'gzip']
assert facts.config.rootfs.diff_ids == facts.layers*.diffId

// The project's Jib configuration says <from><image>scratch</image>, and the config's history names only Jib: all three
// layers are the project's own.
assert facts.config.history*.created_by.every { it.startsWith('jib-maven-plugin:') }
// The final filesystem, built here from the layers: 582 B of regular files, none of them a package's.
def fs = support.finalFilesystem(tar)
assert support.fileBytes(fs) == 582L
assert !fs.containsKey('lib/apk/db/installed') && !fs.containsKey('var/lib/dpkg/status') && !fs.keySet().any { it.endsWith('.jar') }
// What the security rules read: no USER (the container runs as root), no HEALTHCHECK, no ENV, no label, no VOLUME;
// two text files (Jib's classpath and main-class files; Main.class is skipped by its type), no /etc.
def config = facts.config.config ?: [:]
assert !config.User && !config.Healthcheck && !config.Env && !config.Labels && !config.Volumes
assert fs.findAll { k, v -> v.type == 'file' }.keySet().findAll { !it.endsWith('.class') }.size() == 2
assert !fs.keySet().any { it.startsWith('etc/') }
// Layer hygiene, computed here as dive does: every path is stored once, nothing is wasted or reclaimable.
def hygiene = support.hygieneFacts(tar)
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.userWastedPercent == 0.0d
assert hygiene.inefficient == [:] && hygiene.reclaimable == []

def report = new File(basedir, 'target/image-hygiene/report.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ jib-within-budget ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/jib-within-budget:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1         0 B       304 B        4  own   jib-maven-plugin:3.5.2: resources',
        '[INFO]      2       541 B       689 B        5  own   jib-maven-plugin:3.5.2: classes',
        '[INFO]      3        41 B       327 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all       582 B      1.3 KB       12        3 layers',
        '[INFO]   Base image: scratch; no base layers (scratch base)',
        '[INFO]     jib-maven-plugin <from><image>: scratch',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 582 B in files attributed, 582 B to no package',
        *support.largestLines(tar),
        '[INFO]   Rules:',
        '[INFO]     PASS  maxSize             582 B of 300 MB',
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene-it/jib-within-budget:1.0; base scratch',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 0 ENV variables, 0 labels and the history',
        '[INFO]     PASS  noSecrets           no secret; 2 text files scanned',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, allowedBaseImages, deniedBaseImages,' +
                ' requirePinnedBase, unknownBase, allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon,' +
                ' minJavaVersion, allowedJavaVendors, maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize,' +
                ' vulnerabilities, configAssertions, fileAssertions',
        '[INFO]   Verdict: PASS',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        *support.allReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
// the two default-level WARN findings in the block above, no other warning, no error
assert log.count { it.startsWith('[WARNING]') } == 2
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
support.assertReportConsistent(r)
assert r.tool == [name: 'image-hygiene-maven-plugin', version: pluginVersion]
assert r.image == [source   : tar.path, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64',
                   repoTags : ['image-hygiene-it/jib-within-budget:1.0']]
assert r.size == [uncompressed: 23552, compressed: 1320, compressedEstimated: false, content: 582]
assert r.size.uncompressed == facts.layers.sum { it.size }
assert r.size.content == facts.layers.sum { it.contentSize }
assert r.layers.size() == 3
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index     : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                 compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy : 'jib-maven-plugin:3.5.2', base: false]
}
assert r.baseImage == [name  : 'scratch', digest: null, evidence: [[source: 'jib-maven-plugin <from><image>', value: 'scratch']],
                       conflicts: [], layers: 0, layersBy: 'scratch base']
assert r.os == null
assert r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '582 B of 300 MB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.3 KB, no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 541 B, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '3 layers, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'scratch, no allow-list set'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'scratch, no deny-list set'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'scratch, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'NOT_SET', summary: 'scratch (from jib-maven-plugin <from><image>), no base policy set'],
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
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags image-hygiene-it/jib-within-budget:1.0; base scratch'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 0 ENV variables, 0 labels and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 2 text files scanned'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
// the config's findings: the base (scratch) is known, so the config is the build's own
assert r.findings == support.rootAndHealthcheck('own')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'PASS'

// sbom.cdx.json: the image, named by its tag, with no package in it
def b = support.assertSbomOf(new File(basedir, 'target/image-hygiene/sbom.cdx.json'), r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene-it/jib-within-budget'
assert b.metadata.component.purl == "pkg:oci/jib-within-budget@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
assert b.components == null
return true
