// base-allowed: Jib (buildTar) on tar://…/tiny.docker.tar; the plugin reads Jib's <from><image>, fingerprints the
// tar, names the base image-hygiene/tiny:1.0 and marks its 3 layers as base; allowed, not denied: BUILD SUCCESS.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def tiny = new File(testImages, 'tiny.docker.tar').path
def tar = new File(basedir, 'target/jib-image.tar')
def facts = support.dockerArchiveFacts(tar)

// The bottom three layers are tiny's (same diff_ids, as docker reports them for tiny.docker.tar); Jib's are on top.
def tinyDiffIds = support.strings(p, 'tiny.docker.diffIds')
assert facts.layers*.diffId.take(3) == tinyDiffIds
int n = facts.layers.size()
assert n == 6
assert facts.config.history.drop(facts.config.history.size() - (n - 3))*.created_by.every { it.startsWith('jib-maven-plugin:') }
// The numbers of the table, read from the archive here: tiny's file bytes (as docker history has them for tiny), then
// Jib's resources (directories only), classes and jvm arg files; Jib's gzip blobs; tar entries.
assert facts.layers*.contentSize.take(3) == support.longs(p, 'tiny.docker.contentSizes')                 // 3,072 12,288 40,960
assert facts.layers*.contentSize == [3072L, 12288L, 40960L, 0L, 538L, 39L]                          // 56,897 B = 56.9 KB
assert facts.layers*.blobSize == [217L, 261L, 357L, 303L, 694L, 325L]                               // 2,157 B = 2.2 KB
assert facts.layers*.files == [2, 2, 2, 4, 5, 3]                                                    // 18
assert facts.layers*.compression == ['gzip'] * 6
// The final filesystem, built here: 56.9 KB of files, no package database, no os-release, no Java.
def fs = support.finalFilesystem(tar)
assert support.fileBytes(fs) == 56897L
assert !fs.keySet().any { it in ['etc/os-release', 'usr/lib/os-release', 'lib/apk/db/installed', 'var/lib/dpkg/status'] || it.endsWith('/release') || it.endsWith('.jar') }
// What the security rules read: no USER (root), no HEALTHCHECK, tiny's 2 ENV variables and Jib's one label, no
// VOLUME; five text files (tiny's three .txt, Jib's classpath and main-class files; the class skipped by its type).
def config = facts.config.config ?: [:]
assert !config.User && !config.Healthcheck && !config.Volumes && config.Env.size() == 2 && config.Labels.size() == 1
assert p.getProperty('tiny.docker.env').split(/\|/) as List == config.Env
assert fs.findAll { k, v -> v.type == 'file' && !k.endsWith('.class') }.size() == 5 && !fs.keySet().any { it.startsWith('etc/') }
// the base is named by tag 1.0 (noLatestTag passes); layer hygiene, computed here as dive does: each path stored once
def hygiene = support.hygieneFacts(tar)
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []

def report = new File(basedir, 'target/image-hygiene/report.json')
def sbom = new File(basedir, 'target/image-hygiene/sbom.cdx.json')
def tinyDigest = p.getProperty('tiny.docker.configDigest')
def fingerprint = "fingerprint (layers 1-3 = the diff_ids of ${tiny})"
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-allowed ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/base-allowed:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      3.1 KB       217 B        2  base  COPY file:20a6fed4d235 in /data/small.txt',
        '[INFO]      2     12.3 KB       261 B        2  base  COPY file:b373a819b97e in /data/medium.txt',
        '[INFO]      3     41.0 KB       357 B        2  base  COPY file:ee399bfb1bf8 in /data/large.txt',
        '[INFO]      4         0 B       303 B        4  own   jib-maven-plugin:3.5.2: resources',
        '[INFO]      5       538 B       694 B        5  own   jib-maven-plugin:3.5.2: classes',
        '[INFO]      6        39 B       325 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all     56.9 KB      2.2 KB       18        6 layers',
        "[INFO]   Base image: docker.io/image-hygiene/tiny:1.0 ${tinyDigest}; layers 1-3 of ${n} (fingerprint)",
        "[INFO]     jib-maven-plugin <from><image>: tar://${tiny}",
        "[INFO]     ${fingerprint}: image-hygiene/tiny:1.0",
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 56.9 KB in files attributed, 56.9 KB to no package',
        *support.largestLines(tar),
        '[INFO]   Rules:',
        '[INFO]     PASS  allowedBaseImages   docker.io/image-hygiene/tiny:1.0 matches image-hygiene/tiny:1.*',
        '[INFO]     PASS  deniedBaseImages    docker.io/image-hygiene/tiny:1.0 matches none of 1 denied',
        "[INFO]     PASS  unknownBase         docker.io/image-hygiene/tiny:1.0 (from ${fingerprint})",
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 in your layers (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted in your layers (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene-it/base-allowed:1.0; base docker.io/image-hygiene/tiny:1.0',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 2 ENV variables, 1 label and the history',
        '[INFO]     PASS  noSecrets           no secret; 5 text files scanned',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, requirePinnedBase,' +
                ' allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon, minJavaVersion, allowedJavaVendors,' +
                ' maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize, vulnerabilities, configAssertions, fileAssertions',
        '[INFO]   Verdict: PASS',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${sbom}",
        *support.moreReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
// the two default-level WARN findings in the block above (noRootUser, requireHealthcheck), no other warning
assert log.count { it.startsWith('[WARNING]') } == 2
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
// the layers' created_by: the config's history without its empty_layer entries (tiny's ENV, LABEL, CMD)
def createdBy = facts.config.history.findAll { !it.empty_layer }*.created_by
assert createdBy.size() == n
support.assertReportConsistent(r)
assert r.image == [source      : tar.path, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['image-hygiene-it/base-allowed:1.0']]
assert r.size == [uncompressed: facts.layers.sum { it.size }, compressed: 2157, compressedEstimated: false, content: 56897]
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index      : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                 compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy  : createdBy[i], base: i < 3]
}
assert r.baseImage == [name     : 'docker.io/image-hygiene/tiny:1.0', digest: tinyDigest,
                       evidence : [[source: 'jib-maven-plugin <from><image>', value: "tar://${tiny}".toString()],
                                   [source: fingerprint.toString(), value: 'image-hygiene/tiny:1.0']],
                       conflicts: [], layers: 3, layersBy: 'fingerprint']
assert r.os == null
assert r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'NOT_SET', summary: '56.9 KB, no budget set'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '2.2 KB, no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 41.0 KB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '6 layers, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'PASS', summary: 'docker.io/image-hygiene/tiny:1.0 matches image-hygiene/tiny:1.*'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'PASS', summary: 'docker.io/image-hygiene/tiny:1.0 matches none of 1 denied'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'docker.io/image-hygiene/tiny:1.0, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'PASS', summary: "docker.io/image-hygiene/tiny:1.0 (from ${fingerprint})".toString()],
        [rule: 'allowedOperatingSystems', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found, no allow-list set'],
        [rule: 'osEndOfLife', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found'],
        [rule: 'osEndOfLifeSoon', level: 'WARN', status: 'NOT_SET', summary: 'no operating system found'],
        [rule: 'minJavaVersion', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no minimum set'],
        [rule: 'allowedJavaVendors', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no allow-list set'],
        [rule: 'minEfficiency', level: 'ERROR', status: 'PASS', summary: 'efficiency 1.0000 in your layers (minimum 0.9)'],
        [rule: 'maxWastedBytes', level: 'ERROR', status: 'NOT_SET', summary: '0 B wasted in your layers, no budget set'],
        [rule: 'maxWastedPercent', level: 'ERROR', status: 'PASS', summary: '0.00 % wasted in your layers (maximum 10 %)'],
        [rule: 'maxReclaimable', level: 'ERROR', status: 'NOT_SET', summary: '0 B reclaimable in your layers (0.00 %), no budget set'],
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
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags image-hygiene-it/base-allowed:1.0; base docker.io/image-hygiene/tiny:1.0'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 2 ENV variables, 1 label and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 5 text files scanned'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
// config findings: the base (Jib's tar:// base) is known, the config is the build's own
assert r.findings == support.rootAndHealthcheck('own')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'PASS'

// sbom.cdx.json: the image, named by its tag, with no package in it
def b = support.assertSbomOf(sbom, r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene-it/base-allowed'
assert b.metadata.component.purl == "pkg:oci/base-allowed@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
assert b.components == null
return true
