// base-unpinned: corretto-app, whose Dockerfile says FROM amazoncorretto (no tag), against requirePinnedBase TAG.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def image = new File(testImages, 'base/corretto-app.docker.tar.gz').path
Properties p = new Properties()
new File(testImages, 'base/expected.properties').withInputStream { p.load(it) }
assert new File(basedir, 'docker/Dockerfile').text == new File(testImages, 'base/src/corretto-app/Dockerfile').text

// The archive, read here: tiny's three layers (the local amazoncorretto:latest was tiny), then the COPY, as docker
// says; uncompressed (docker save), so the COMPRESSED column holds the plugin's gzip estimates.
def facts = support.dockerArchiveFacts(new File(image))
assert facts.configDigest == p.getProperty('corretto-app.id')
assert facts.repoTags == ['image-hygiene/base-corretto-app:1.0']
assert facts.layers*.diffId == p.getProperty('corretto-app.diffIds').split(',') as List
assert facts.layers*.diffId.take(3) == support.strings(support.facts(testImages), 'tiny.docker.diffIds')
assert facts.layers*.contentSize == [3072L, 12288L, 40960L, 34L]  // 56,354 B = 56.4 KB; 41.0 KB the largest
assert facts.layers*.files == [2, 2, 2, 2]                        // 8
assert facts.layers*.compression == ['none'] * 4
def createdBy = facts.config.history.findAll { !it.empty_layer }*.created_by
assert createdBy == p.getProperty('corretto-app.createdBy').split(/\|/).findAll { !it.contains('#(nop)  ') } // no ENV/LABEL/CMD
assert createdBy[3].startsWith('/bin/sh -c #(nop) COPY file:b130555e0dd1')
// The final filesystem, built here: tiny's data files and the app's, no OS release file, no package, no Java.
def fs = support.finalFilesystem(new File(image))
assert fs.findAll { k, v -> v.type == 'file' }.keySet() ==
        ['app/app.txt', 'data/large.txt', 'data/medium.txt', 'data/small.txt'] as Set
assert support.fileBytes(fs) == 56354L
// What the security rules read: no USER (root), no HEALTHCHECK, 2 ENV variables, 1 label, no VOLUME, no /etc; the
// four .txt files are the text files noSecrets scans. The base has no tag: latest, which noLatestTag warns about too.
def config = facts.config.config
assert !config.User && !config.Healthcheck && !config.Volumes && config.Env.size() == 2 && config.Labels.size() == 1
assert !fs.keySet().any { it.startsWith('etc/') }
// layer hygiene, computed here as dive does: every path stored once
def hygiene = support.hygieneFacts(new File(image))
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []
def latest = '[WARNING] [noLatestTag] the image is based on docker.io/library/amazoncorretto:latest (base image' +
        ' analysis), which moves: a rebuild may bring another base; pin it by version or digest'

def report = new File(basedir, 'target/image-hygiene/report.json')
def sbom = new File(basedir, 'target/image-hygiene/sbom.cdx.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-unpinned ---",
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene/base-corretto-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      3.1 KB       217 B        2  base  COPY file:20a6fed4d235 in /data/small.txt',
        '[INFO]      2     12.3 KB       261 B        2  base  COPY file:b373a819b97e in /data/medium.txt',
        '[INFO]      3     41.0 KB       357 B        2  base  COPY file:ee399bfb1bf8 in /data/large.txt',
        '[INFO]      4        34 B       170 B        2  own   COPY file:b130555e0dd1 in /app/app.txt',
        '[INFO]    all     56.4 KB      1.0 KB        8        4 layers; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Base image: docker.io/library/amazoncorretto:latest; layers 1-3 of 4 (history)',
        '[INFO]     Dockerfile docker/Dockerfile:3: amazoncorretto',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 56.4 KB in files attributed, 56.4 KB to no package',
        *support.largestLines(new File(image)),
        '[INFO]   Rules:',
        '[INFO]     PASS  allowedBaseImages   docker.io/library/amazoncorretto:latest matches amazoncorretto',
        '[INFO]     FAIL  requirePinnedBase   docker.io/library/amazoncorretto:latest not pinned by tag',
        '[INFO]     PASS  unknownBase         docker.io/library/amazoncorretto:latest (from Dockerfile docker/Dockerfile:3)',
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 in your layers (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted in your layers (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     WARN  noLatestTag         tags image-hygiene/base-corretto-app:1.0; base docker.io/library/amazoncorretto:latest',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 2 ENV variables, 1 label and the history',
        '[INFO]     PASS  noSecrets           no secret; 4 text files scanned',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, deniedBaseImages,' +
                ' allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon, minJavaVersion, allowedJavaVendors,' +
                ' maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize, vulnerabilities, configAssertions, fileAssertions',
        '[INFO]   Verdict: FAIL',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        latest,
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${sbom}",
        *support.moreReports(basedir),
])
def breach = '[requirePinnedBase] base image docker.io/library/amazoncorretto:latest (from Dockerfile' +
        ' docker/Dockerfile:3) has no tag, so it is whatever latest is when the image is built (requirePinnedBase' +
        ' TAG); name a version tag, e.g. amazoncorretto:<version>'
support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project base-unpinned: Image ${image} has 1 breach:",
        "[ERROR]   1. ${breach}",
        '[ERROR] -> [Help 1]',
])
support.assertLines(log, ['[INFO] BUILD FAILURE'])
// the three default-level WARN findings in the block above (noRootUser, requireHealthcheck, noLatestTag), no other
assert log.count { it.startsWith('[WARNING]') } == 3
support.assertNoStackTrace(log)

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source      : image, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['image-hygiene/base-corretto-app:1.0']]
// uncompressed layers under 2 MiB: the plugin's gzip estimate deflates them whole, so it is what the JDK's gzip makes
// of each (facts.layers*.gzipSize: 217, 261, 357 and 170 bytes here)
assert r.size == [uncompressed: facts.layers.sum { it.size }, compressed: facts.layers.sum { it.gzipSize },
                  compressedEstimated: true, content: 56354]
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index      : i + 1, digest: f.diffId, diffId: f.diffId, compressedSize: f.gzipSize,
                 blobSize   : f.blobSize, compression: 'none', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy  : createdBy[i], base: i < 3]
}
assert r.baseImage == [name: 'docker.io/library/amazoncorretto:latest', digest: null,
                       evidence: [[source: 'Dockerfile docker/Dockerfile:3', value: 'amazoncorretto']], conflicts: [],
                       layers: 3, layersBy: 'history']
assert r.os == null && r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'NOT_SET', summary: '56.4 KB, no budget set'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.0 KB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 41.0 KB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '4 layers, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'PASS', summary: 'docker.io/library/amazoncorretto:latest matches amazoncorretto'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'docker.io/library/amazoncorretto:latest, no deny-list set'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'FAIL', summary: 'docker.io/library/amazoncorretto:latest not pinned by tag'],
        [rule: 'unknownBase', level: 'WARN', status: 'PASS', summary: 'docker.io/library/amazoncorretto:latest (from Dockerfile docker/Dockerfile:3)'],
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
        [rule: 'noLatestTag', level: 'WARN', status: 'WARN', summary: 'tags image-hygiene/base-corretto-app:1.0; base docker.io/library/amazoncorretto:latest'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 2 ENV variables, 1 label and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 4 text files scanned'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
def base = [subject: 'base:docker.io/library/amazoncorretto:latest']
assert r.findings == [support.located([rule: 'requirePinnedBase', level: 'ERROR', message: breach - '[requirePinnedBase] '], base)] +
                     support.rootAndHealthcheck('own') + [support.finding(latest, base)]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'FAIL'

// sbom.cdx.json: the image, named by its tag, with no package in it
def b = support.assertSbomOf(sbom, r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene/base-corretto-app'
assert b.metadata.component.purl == "pkg:oci/base-corretto-app@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
assert b.components == null
return true
