// base-unknown: busybox-app with allowedBaseImages set and no evidence of its base: the [unknownBase] warning, BUILD
// SUCCESS. The pom sets maxWastedPercent (ERROR by default) to WARN: busybox-app's deleted blob is a real breach
// (asserted as an error by budget-breach and docker-daemon-input) that would otherwise fail this build; here it is
// one more warning, with the default-level WARN findings historyLint and requireHealthcheck.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def image = new File(testImages, 'busybox-app.docker.tar').path
def digest = p.getProperty('busybox-app.docker.configDigest') // changes when the fixture is rebuilt (build times)
// what docker says: no label but the title, FROM scratch-built history (COPY, then RUNs)
assert p.getProperty('busybox-app.docker.labels') == 'org.opencontainers.image.title=busybox-app'
assert p.getProperty('busybox-app.docker.createdBy').startsWith('/bin/sh -c #(nop) COPY file:73e2b2d48642')
// the numbers of the table, as in budget-breach: docker's layer sizes (file bytes) and the tar entries
assert support.longs(p, 'busybox-app.docker.contentSizes') == [1982256L, 0L, 102406L, 0L] // 2.1 MB in all
assert support.longs(p, 'busybox-app.docker.files') == [2L, 269L, 4L, 3L]
assert support.dockerArchiveFacts(new File(image)).layers*.contentSize == support.longs(p, 'busybox-app.docker.contentSizes')
// The final filesystem, built here (layer 4 deletes layer 3's blob.bin): busybox and hello.txt, no OS release file,
// no package database, no Java.
def fs = support.finalFilesystem(new File(image))
assert fs.findAll { k, v -> v.type == 'file' }.collectEntries { k, v -> [k, v.size] } ==
        ['app/hello.txt': 6L, 'bin/busybox': 1982256L]                                  // 1,982,262 B = 2.0 MB

// Layer hygiene, computed here from the archive's tar headers as dive defines it (support.hygieneFacts): layer 3
// stores /app/data/blob.bin (102,400 B: layer 3's 102,406 B less hello.txt's 6), layer 4 deletes it. dive counts
// both copies (102,400 + a 0-byte whiteout) as wasted: 102,400 B of the 102,406 B in the layers above the first
// (99.99 %, over maxWastedPercent's default 10 %, an ERROR by default); efficiency = the 1,982,262 B left in the
// final filesystem / the 2,084,662 B of all layers (0.9509); reclaimable = the blob, 4.91 % of the image.
def hygiene = support.hygieneFacts(new File(testImages, 'busybox-app.docker.tar'))
def blob = support.longs(p, 'busybox-app.docker.contentSizes')[2] - fs['app/hello.txt'].size
assert blob == 102400L && p.getProperty('busybox-app.docker.whiteouts') == '3:app/data/.wh.blob.bin'
assert hygiene.wastedBytes == blob && hygiene.inefficient == ['/app/data/blob.bin': [blob, 0L]]
assert hygiene.userSizeBytes == support.longs(p, 'busybox-app.docker.contentSizes').drop(1).sum()   // 102,406
assert hygiene.userWastedPercent == blob / 102406d && String.format('%.2f', hygiene.userWastedPercent * 100) == '99.99'
assert hygiene.efficiency == support.fileBytes(fs) / (p.getProperty('busybox-app.docker.totalSize') as double)
assert String.format('%.4f', hygiene.efficiency) == '0.9509'
assert hygiene.reclaimable == [[path: '/app/data/blob.bin', bytes: blob, addedIn: 3, hiddenIn: 4, how: 'deleted']]
assert String.format('%.2f', blob * 100 / (p.getProperty('busybox-app.docker.totalSize') as double)) == '4.91'
// The config and files the security rules read: USER 1000:1000, 2 ENV variables, 1 label, no HEALTHCHECK, no
// VOLUME; hello.txt (6 B) is the one text file, busybox (1,982,256 B) is over noSecrets' 1 MiB; no /etc files.
def config = support.dockerArchiveFacts(new File(testImages, 'busybox-app.docker.tar')).config.config
assert config.User == p.getProperty('busybox-app.docker.user') && config.User == '1000:1000'
assert config.Env.size() == 2 && config.Labels.size() == 1 && !config.Healthcheck && !config.Volumes
assert fs.findAll { k, v -> v.type == 'file' && v.size > 1024 * 1024 }.keySet() == ['bin/busybox'] as Set
assert !fs.keySet().any { it.startsWith('etc/') }
// the history: #2 to #4 are three RUN steps in a row (historyLint)
def steps = p.getProperty('busybox-app.docker.createdBy').split(/\|/) as List
assert steps[1] == '/bin/busybox --install -s /bin' && steps[2].startsWith('/bin/sh -c mkdir -p /app/data && echo hello') &&
        steps[3] == '/bin/sh -c rm /app/data/blob.bin'
// the blob is what layer 3's step wrote: dd bs=1024 count=100
assert steps[2].endsWith('dd if=/dev/zero of=/app/data/blob.bin bs=1024 count=100') && blob == 1024L * 100
def dive = '[maxWastedPercent] wasted bytes are 99.99 % of the user layers (102.4 KB of 102.4 KB in the layers above' +
        " the first, dive's measure), above the maximum of 10 %; largest: /app/data/blob.bin 102.4 KB in 2 copies" +
        ' (#3 (RUN mkdir -p /app/data && echo hello >...), #4 (RUN rm /app/data/blob.bin)); ' + support.DIVE_FIX
def historyLint = '[WARNING] [historyLint] layers #2 to #4 are 3 consecutive RUN instructions (#2 RUN /bin/busybox' +
        ' --install -s /bin; #3 RUN mkdir -p /app/data && echo hello...; #4 RUN rm /app/data/blob.bin): join them into' +
        " one RUN with '&&', one layer instead of 3, and what one step deletes is then never stored by another"

def report = new File(basedir, 'target/image-hygiene/report.json')
def sbom = new File(basedir, 'target/image-hygiene/sbom.cdx.json')
def warning = '[unknownBase] no evidence names the base image: no org.opencontainers.image.base.name annotation or' +
        ' label, no base in the Jib, docker-maven-plugin or Dockerfile configuration, no baseImages fingerprint' +
        ' matches the image\'s layers; the base image policy cannot be checked (name the base in the build, or list' +
        ' it in baseImages)'
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-unknown ---",
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${digest}, tags image-hygiene/busybox-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      2.0 MB      1.0 MB        2  ?     COPY file:73e2b2d48642 in /bin/busybox',
        '[INFO]      2         0 B      3.4 KB      269  ?     /bin/busybox --install -s /bin',
        '[INFO]      3    102.4 KB       333 B        4  ?     RUN mkdir -p /app/data && echo hello > /app/hello.txt &&...',
        '[INFO]      4         0 B       157 B        3  ?     RUN rm /app/data/blob.bin',
        '[INFO]    all      2.1 MB      1.0 MB      278        4 layers; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Base image: unknown; base layers unknown',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        '[INFO]   Packages: none; 0 B of 2.0 MB in files attributed, 2.0 MB to no package',
        *support.largestLines(new File(image)),
        '[INFO]   Rules:',
        '[INFO]     PASS  allowedBaseImages   base unknown (see unknownBase)',
        '[INFO]     WARN  unknownBase         no evidence names the base',
        '[INFO]     PASS  minEfficiency       efficiency 0.9509 (minimum 0.9)',
        '[INFO]     WARN  maxWastedPercent    99.99 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     WARN  historyLint         1 issue',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     PASS  noRootUser          runs as 1000:1000',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene/busybox-app:1.0',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 2 ENV variables, 1 label and the history',
        '[INFO]     PASS  noSecrets           no secret; 1 text file scanned, 1 over 1 MiB skipped',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, deniedBaseImages,' +
                ' requirePinnedBase, allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon, minJavaVersion,' +
                ' allowedJavaVendors, maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize,' +
                ' vulnerabilities, configAssertions, fileAssertions',
        '[INFO]   Verdict: PASS',
        "[WARNING] ${warning}",
        '[WARNING] ' + dive,
        historyLint,
        support.NO_HEALTHCHECK_WARNING,
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${sbom}",
        *support.moreReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
// unknownBase, maxWastedPercent (at WARN), historyLint, requireHealthcheck: in the block above, no other warning
assert log.count { it.startsWith('[WARNING]') } == 4
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source: image, format: 'docker-archive', digest: digest, configDigest: digest,
                   platform: 'linux/amd64', repoTags: ['image-hygiene/busybox-app:1.0']]
// uncompressed layers under 2 MiB: the plugin's gzip estimate deflates them whole, so it is what the JDK's gzip makes
// of each (1,031,604, 3,405, 333 and 157 bytes here)
def gzipSizes = support.dockerArchiveFacts(new File(image)).layers*.gzipSize
assert r.size == [uncompressed: 2231808, compressed: gzipSizes.sum(), compressedEstimated: true,
                  content: p.getProperty('busybox-app.docker.totalSize') as long] // docker's .Size: 2,084,662
assert r.layers*.contentSize == support.longs(p, 'busybox-app.docker.contentSizes')
assert r.layers*.files == support.longs(p, 'busybox-app.docker.files')
assert r.layers*.base == [null, null, null, null]
assert r.baseImage == [name: null, digest: null, evidence: [], conflicts: [], layers: null, layersBy: 'unknown']
assert r.os == null && r.java == null
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                       attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'NOT_SET', summary: '2.1 MB, no budget set'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.0 MB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 2.0 MB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '4 layers, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'PASS', summary: 'base unknown (see unknownBase)'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no deny-list set'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'base unknown, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'WARN', summary: 'no evidence names the base'],
        [rule: 'allowedOperatingSystems', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found, no allow-list set'],
        [rule: 'osEndOfLife', level: 'ERROR', status: 'NOT_SET', summary: 'no operating system found'],
        [rule: 'osEndOfLifeSoon', level: 'WARN', status: 'NOT_SET', summary: 'no operating system found'],
        [rule: 'minJavaVersion', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no minimum set'],
        [rule: 'allowedJavaVendors', level: 'ERROR', status: 'NOT_SET', summary: 'no Java runtime found, no allow-list set'],
        [rule: 'minEfficiency', level: 'ERROR', status: 'PASS', summary: 'efficiency 0.9509 (minimum 0.9)'],
        [rule: 'maxWastedBytes', level: 'ERROR', status: 'NOT_SET', summary: '102.4 KB wasted, no budget set'],
        [rule: 'maxWastedPercent', level: 'WARN', status: 'WARN', summary: '99.99 % wasted (maximum 10 %)'],
        [rule: 'maxReclaimable', level: 'ERROR', status: 'NOT_SET', summary: '102.4 KB reclaimable (4.91 %), no budget set'],
        [rule: 'noPackageCaches', level: 'WARN', status: 'PASS', summary: 'no caches'],
        [rule: 'historyLint', level: 'WARN', status: 'WARN', summary: '1 issue'],
        [rule: 'noBuildTools', level: 'WARN', status: 'PASS', summary: 'no build tools'],
        [rule: 'javaLayering', level: 'WARN', status: 'PASS', summary: 'no Java application layers found'],
        [rule: 'deniedPackages', level: 'ERROR', status: 'NOT_SET', summary: '0 packages (0 OS, 0 Java), no denied packages set'],
        [rule: 'maxPackageSize', level: 'ERROR', status: 'NOT_SET', summary: 'no packages found'],
        [rule: 'vulnerabilities', level: 'ERROR', status: 'NOT_SET', summary: 'no packages to check'],
        [rule: 'noRootUser', level: 'WARN', status: 'PASS', summary: 'runs as 1000:1000'],
        [rule: 'requireHealthcheck', level: 'WARN', status: 'WARN', summary: 'no HEALTHCHECK'],
        [rule: 'noSensitiveVolumes', level: 'ERROR', status: 'PASS', summary: 'no VOLUME'],
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags image-hygiene/busybox-app:1.0'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 2 ENV variables, 1 label and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 1 text file scanned, 1 over 1 MiB skipped'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
assert r.findings == [support.located([rule: 'unknownBase', level: 'WARN', message: warning - '[unknownBase] '], [subject: 'base']),
                      support.located([rule: 'maxWastedPercent', level: 'WARN', message: dive - '[maxWastedPercent] '], [subject: 'image']),
                      support.finding(historyLint, support.BUSYBOX_RUNS), support.rootAndHealthcheck('unknown')[1]]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'PASS'

// sbom.cdx.json: the image, named by its tag, with no package in it
def b = support.assertSbomOf(sbom, r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene/busybox-app'
assert b.components == null
return true
