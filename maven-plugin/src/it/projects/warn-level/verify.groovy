// warn-level: jib-app.tar (653 bytes of files, what docker images shows) over maxSize 500B with
// <levels><maxSize>WARN: a warning, no failure.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def tar = new File(testImages, 'jib-app.tar')

// The numbers behind the lines below, from expected.properties and from reading the archive here.
// the layers' file bytes (docker history's layer sizes): what maxSize, maxLayerSize and the SIZE column measure
assert support.longs(p, 'jib-app.contentSizes') == [0L, 590L, 63L]                // 653 B in all, 153 B over 500 B
assert support.longs(p, 'jib-app.contentSizes').sum() == p.getProperty('jib-app.totalSize') as long // docker's .Size
assert support.longs(p, 'jib-app.uncompressedSizes') == [10240L, 12800L, 6656L] // the tar streams: 29,696 in all
assert support.longs(p, 'jib-app.compressedSizes') == [391L, 791L, 345L]        // 1,527 B = 1.5 KB
assert support.longs(p, 'jib-app.files') == [6L, 7L, 3L]
def facts = support.dockerArchiveFacts(tar)
assert facts.layers*.size == support.longs(p, 'jib-app.uncompressedSizes')
assert facts.layers*.blobSize == support.longs(p, 'jib-app.compressedSizes')
assert facts.layers*.files == support.longs(p, 'jib-app.files')
assert facts.layers*.contentSize == support.longs(p, 'jib-app.contentSizes')
assert facts.layers*.diffId == support.strings(p, 'jib-app.diffIds')
assert facts.layers*.digest == support.strings(p, 'jib-app.layerDigests')
assert facts.configDigest == p.getProperty('jib-app.configDigest')

// largest layers by contentSize; #1 (directories only, 0 B) is left out
def warning = '[maxSize] image is 653 B, 153 B over the budget of 500 B; largest layers: ' +
        '#2 590 B (jib-maven-plugin:3.5.2: classes), #3 63 B (jib-maven-plugin:3.5.2: jvm arg files); largest files: ' +
        // the three largest files, as computed here from the archive (bytes: the budget is in bytes)
        support.attribution(tar).largestFiles.take(3).collect { "${it.path} ${it.size} B (#${it.layer})" }.join(', ')
// Nothing in this project names the base; the config's history names only Jib, so all three layers are the image's
// own (Jib marks its layers, scratch leaves none). The final filesystem, built here: 653 B of files, no package.
assert support.strings(p, 'jib-app.createdBy').every { it.startsWith('jib-maven-plugin:') }
assert facts.config.history*.created_by.every { it.startsWith('jib-maven-plugin:') }
def fs = support.finalFilesystem(tar)
assert support.fileBytes(fs) == p.getProperty('jib-app.totalSize') as long            // 653 B
// What the security rules read: no USER (root), no HEALTHCHECK, no ENV, the title label, no VOLUME; two text files
// (Jib's classpath and main-class files; the classes are skipped by their type), no /etc.
def config = facts.config.config ?: [:]
assert !config.User && !config.Healthcheck && !config.Env && !config.Volumes
assert config.Labels == ['org.opencontainers.image.title': 'jib-app'] && p.getProperty('jib-app.labels') == 'org.opencontainers.image.title=jib-app'
assert fs.findAll { k, v -> v.type == 'file' }.keySet().findAll { !it.endsWith('.class') }.size() == 2
assert !fs.keySet().any { it.startsWith('etc/') }
// Layer hygiene, computed here as dive does: every path is stored once, nothing is wasted or reclaimable.
def hygiene = support.hygieneFacts(tar)
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []

def report = new File(basedir, 'target/image-hygiene/report.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ warn-level ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${p.getProperty('jib-app.configDigest')}, tags image-hygiene/jib-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1         0 B       391 B        6  own   jib-maven-plugin:3.5.2: resources',
        '[INFO]      2       590 B       791 B        7  own   jib-maven-plugin:3.5.2: classes',
        '[INFO]      3        63 B       345 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all       653 B      1.5 KB       16        3 layers',
        '[INFO]   Base image: unknown; no base layers (history)',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 653 B in files attributed, 653 B to no package',
        *support.largestLines(tar),
        '[INFO]   Rules:',
        '[INFO]     WARN  maxSize             653 B of 500 B',
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene/jib-app:1.0',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 0 ENV variables, 1 label and the history',
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
        "[WARNING] ${warning}",
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        *support.allReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
// the maxSize warning and the two default-level WARN findings (noRootUser, requireHealthcheck), no other
assert log.count { it.startsWith('[WARNING]') } == 3
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source      : tar.path, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['image-hygiene/jib-app:1.0']]
assert r.size == [uncompressed: 29696, compressed: 1527, compressedEstimated: false, content: 653]
assert r.size.content == p.getProperty('jib-app.totalSize') as long
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index     : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                 compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy : 'jib-maven-plugin:3.5.2', base: false]
}
assert r.rules == [
        [rule: 'maxSize', level: 'WARN', status: 'WARN', summary: '653 B of 500 B'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.5 KB, no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 590 B, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '3 layers, no limit set'],
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
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags image-hygiene/jib-app:1.0'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 0 ENV variables, 1 label and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 2 text files scanned'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
assert r.findings == [support.located([rule: 'maxSize', level: 'WARN', message: warning - '[maxSize] '],
                                      [subject: 'image'])] + support.rootAndHealthcheck('own')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.baseImage == [name: null, digest: null, evidence: [], conflicts: [], layers: 0, layersBy: 'history']
assert r.os == null
assert r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.verdict == 'PASS'

// sbom.cdx.json: the image, named by its tag, with no package in it
def b = support.assertSbomOf(new File(basedir, 'target/image-hygiene/sbom.cdx.json'), r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene/jib-app'
assert b.metadata.component.purl == "pkg:oci/jib-app@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
assert b.components == null
return true
