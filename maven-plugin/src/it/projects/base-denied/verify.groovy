// base-denied: openjdk-app (label base.name and the project's Dockerfile say openjdk:17) against
// deniedBaseImages openjdk:* and allowedBaseImages amazoncorretto:17.*-al2023: the build fails with both breaches,
// the reason and the evidence named; report.json carries baseImage, os and java with their evidence.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def image = new File(testImages, 'base/openjdk-app.docker.tar.gz').path
Properties p = new Properties()
new File(testImages, 'base/expected.properties').withInputStream { p.load(it) }

// this project's Dockerfile is the one that built the fixture
assert new File(basedir, 'Dockerfile').text == new File(testImages, 'base/src/openjdk-app/Dockerfile').text
def pretty = p.getProperty('openjdk-17.os.PRETTY_NAME')          // Debian GNU/Linux 12 (bookworm)
def jdk = p.getProperty('openjdk-17.java.JAVA_VERSION')          // the build machine's Debian OpenJDK 17
def vendor = p.getProperty('openjdk-17.java.IMPLEMENTOR')
def dockerfile = 'Dockerfile Dockerfile:6 (stage app <- runtime)'
def evidence = "label org.opencontainers.image.base.name, ${dockerfile}"

// The archive, read here: openjdk:17's four layers (as docker says for the stand-in), then the app's COPY; layers of
// uncompressed tars (docker save), so the COMPRESSED column holds the plugin's gzip estimates.
def facts = support.dockerArchiveFacts(new File(image))
assert facts.configDigest == p.getProperty('openjdk-app.id')
assert facts.repoTags == ['image-hygiene/base-openjdk-app:1.0']
assert facts.layers*.diffId == p.getProperty('openjdk-app.diffIds').split(',') as List
assert facts.layers*.diffId.take(4) == p.getProperty('openjdk-17.diffIds').split(',') as List
assert facts.layers*.contentSize == [3072L, 12288L, 40960L, 30334L, 33L]  // 86,687 B = 86.7 KB; 41.0 KB the largest
assert facts.layers*.files == [2, 2, 2, 12, 2]                            // 20
assert facts.layers*.compression == ['none'] * 5
def createdBy = facts.config.history.findAll { !it.empty_layer }*.created_by
assert createdBy == p.getProperty('openjdk-app.createdBy').split(/\|/).findAll { !it.contains('#(nop)  ') } // no ENV/LABEL/CMD
assert createdBy[3].startsWith('/bin/sh -c #(nop) COPY dir:47b816061842') && createdBy[4].startsWith('/bin/sh -c #(nop) COPY file:549e8d592a1c')
// The final filesystem, built here: the OS and Java files the evidence lines quote, no package database.
def fs = support.finalFilesystem(new File(image))
assert support.fileBytes(fs) == 86687L
assert fs['etc/os-release'].type == 'symlink'
assert new String(fs['usr/lib/os-release'].data as byte[], 'UTF-8').readLines().containsAll(
        ['ID=debian', 'VERSION_ID="12"', "PRETTY_NAME=\"${pretty}\"".toString()])
assert new String(fs['etc/debian_version'].data as byte[], 'UTF-8').trim() == p.getProperty('openjdk-17.os.debian_version')
assert new String(fs['usr/local/openjdk-17/release'].data as byte[], 'UTF-8').readLines().containsAll(
        ["IMPLEMENTOR=\"${vendor}\"".toString(), "JAVA_VERSION=\"${jdk}\"".toString()])
assert fs['usr/local/openjdk-17/bin/javac'].type == 'file'
assert facts.config.config.Env.contains('JAVA_HOME=/usr/local/openjdk-17')
assert !fs.containsKey('var/lib/dpkg/status') && !fs.keySet().any { it.startsWith('var/lib/dpkg/status.d/') }
// noBuildTools: the JDK's files (javac among them), all from layer #4, the COPY dir:47b816061842: the base's (layers
// 1-4), so not this build's finding; the summary says what the base holds
def jdkFiles = fs.findAll { k, v -> k.startsWith('usr/local/openjdk-17/') && v.type == 'file' }
assert jdkFiles.size() == 3 && jdkFiles.values()*.layer.unique() == [4] && jdkFiles.containsKey('usr/local/openjdk-17/bin/javac')
long jdkBytes = jdkFiles.values().sum { it.size } as long
assert String.format('%.1f KB', jdkBytes / 1000d) == '30.1 KB'
// What the security rules read: no USER (root), no HEALTHCHECK, 3 ENV variables, 2 labels, no VOLUME, no /etc/passwd;
// noSecrets reads the 9 files of the final filesystem (7 text, 2 binary).
def config = facts.config.config
assert !config.User && !config.Healthcheck && !config.Volumes && config.Env.size() == 3 && config.Labels.size() == 2
assert fs.count { k, v -> v.type == 'file' } == 7 + 2 && !fs.containsKey('etc/passwd') && !fs.containsKey('etc/shadow')
// layer hygiene, computed here as dive does: every path stored once
def hygiene = support.hygieneFacts(new File(image))
assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []
def buildTools = '[WARNING] [noBuildTools] a JDK is in the runtime image: /usr/local/openjdk-17 (30.1 KB, 3 files;' + // not shown
        ' bin/javac), added by #4 (COPY dir:47b816061842 in /); a JRE runs the application: compile in a build stage' +
        ' (FROM a JDK image AS build) and start the final stage FROM a JRE image (e.g. eclipse-temurin:17-jre) or a' +
        ' runtime made with jlink --add-modules <only what you use>'

def report = new File(basedir, 'target/image-hygiene/report.json')
def sbom = new File(basedir, 'target/image-hygiene/sbom.cdx.json')
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ base-denied ---",
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene/base-openjdk-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        '[INFO]      1      3.1 KB       217 B        2  base  COPY file:20a6fed4d235 in /data/small.txt',
        '[INFO]      2     12.3 KB       261 B        2  base  COPY file:b373a819b97e in /data/medium.txt',
        '[INFO]      3     41.0 KB       357 B        2  base  COPY file:ee399bfb1bf8 in /data/large.txt',
        '[INFO]      4     30.3 KB      4.1 KB       12  base  COPY dir:47b816061842 in /',
        '[INFO]      5        33 B       171 B        2  own   COPY file:549e8d592a1c in /app/app.txt',
        '[INFO]    all     86.7 KB      5.1 KB       20        5 layers; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Base image: docker.io/library/openjdk:17; layers 1-4 of 5 (history)',
        '[INFO]     label org.opencontainers.image.base.name: docker.io/library/openjdk:17',
        "[INFO]     ${dockerfile}: openjdk:17",
        "[INFO]     /etc/os-release -> /usr/lib/os-release: ID=debian, VERSION_ID=12, PRETTY_NAME=${pretty}",
        "[INFO]     /etc/debian_version: ${p.getProperty('openjdk-17.os.debian_version')}",
        "[INFO]     /usr/local/openjdk-17/release: IMPLEMENTOR=${vendor}, JAVA_VERSION=${jdk} (found by JAVA_HOME=/usr/local/openjdk-17)",
        '[INFO]     /usr/local/openjdk-17/bin/javac: present: a JDK',
        "[INFO]   OS: ${pretty}, end of life 2028-06-30 (EOL table of 2026-02-12)",
        "[INFO]   Java: ${vendor} ${jdk} (JDK) in /usr/local/openjdk-17",
        '[INFO]   Packages: none (debian-12); 0 B of 86.7 KB in files attributed, 86.7 KB to no package',
        *support.largestLines(new File(image)),
        '[INFO]   Rules:',
        '[INFO]     FAIL  allowedBaseImages   docker.io/library/openjdk:17 matches none of 1 allowed',
        '[INFO]     FAIL  deniedBaseImages    docker.io/library/openjdk:17 is denied by openjdk:*',
        "[INFO]     PASS  unknownBase         docker.io/library/openjdk:17 (from ${evidence})",
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 in your layers (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted in your layers (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools; 30.1 KB more in the base image\'s layers (#1-#4), not' +
                ' counted: choose a leaner base',
        '[INFO]     PASS  javaLayering        no Java application layers found',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene/base-openjdk-app:1.0; base docker.io/library/openjdk:17',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 3 ENV variables, 2 labels and the history',
        '[INFO]     PASS  noSecrets           no secret; 7 text files scanned, 2 binary skipped',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxSize, maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, requirePinnedBase,' +
                ' allowedOperatingSystems, minJavaVersion, allowedJavaVendors, maxWastedBytes, maxReclaimable,' +
                ' deniedPackages, maxPackageSize, vulnerabilities, configAssertions, fileAssertions',
        '[INFO]     off: osEndOfLife, osEndOfLifeSoon',
        '[INFO]   Verdict: FAIL',
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        "[INFO] Report: ${report}",
        "[INFO] SBOM: ${sbom}",
        *support.moreReports(basedir),
])
def allowed = "[allowedBaseImages] base image docker.io/library/openjdk:17 (from ${evidence}) matches none of the" +
        ' allowed base images: amazoncorretto:17.*-al2023'
def denied = "[deniedBaseImages] base image docker.io/library/openjdk:17 (from ${evidence}) is denied by openjdk:*:" +
        ' deprecated upstream, no security updates'
support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project base-denied: Image ${image} has 2 breaches:",
        "[ERROR]   1. ${allowed}",
        "[ERROR]   2. ${denied}",
        '[ERROR] -> [Help 1]',
])
support.assertLines(log, ['[INFO] BUILD FAILURE'])
// the two default-level WARN findings in the block above (noRootUser, requireHealthcheck), no other; the JDK is the
// base's (issue 11: a base's build tools were the build's finding)
assert log.count { it.startsWith('[WARNING]') } == 2
assert !log.contains(buildTools)
support.assertNoStackTrace(log)

def r = support.report(report)
support.assertReportConsistent(r)
assert r.image == [source      : image, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['image-hygiene/base-openjdk-app:1.0']]
// uncompressed layers under 2 MiB: the plugin's gzip estimate deflates them whole, so it is what the JDK's gzip makes
// of each (facts.layers*.gzipSize: 217, 261, 357, 4,138 and 171 bytes here)
assert r.size == [uncompressed: facts.layers.sum { it.size }, compressed: facts.layers.sum { it.gzipSize },
                  compressedEstimated: true, content: 86687]
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index      : i + 1, digest: f.diffId, diffId: f.diffId, compressedSize: f.gzipSize,
                 blobSize   : f.blobSize, compression: 'none', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy  : createdBy[i], base: i < 4]
}
assert r.baseImage == [
        name     : 'docker.io/library/openjdk:17', digest: null,
        evidence : [[source: 'label org.opencontainers.image.base.name', value: 'docker.io/library/openjdk:17'],
                    [source: dockerfile, value: 'openjdk:17'],
                    [source: '/etc/os-release -> /usr/lib/os-release',
                     value : "ID=debian, VERSION_ID=12, PRETTY_NAME=${pretty}".toString()],
                    [source: '/etc/debian_version', value: p.getProperty('openjdk-17.os.debian_version')],
                    [source: '/usr/local/openjdk-17/release',
                     value : "IMPLEMENTOR=${vendor}, JAVA_VERSION=${jdk} (found by JAVA_HOME=/usr/local/openjdk-17)".toString()],
                    [source: '/usr/local/openjdk-17/bin/javac', value: 'present: a JDK']],
        conflicts: [], layers: 4, layersBy: 'history']
assert r.os == [id: 'debian', versionId: '12', prettyName: pretty, eol: '2028-06-30', distroless: false,
                eolTableDate: '2026-02-12']
assert r.java == [vendor: vendor, version: jdk, jdk: true, home: '/usr/local/openjdk-17']
assert r.inventory == [os             : [id: 'debian', versionId: '12', distro: 'debian-12'], counts: [:],
                       fileBytes      : support.fileBytes(fs), attributedBytes: 0, unattributedBytes: support.fileBytes(fs),
                       packages: [], largest        : []]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'NOT_SET', summary: '86.7 KB, no budget set'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '5.1 KB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 41.0 KB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '5 layers, no limit set'],
        [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
        [rule: 'allowedBaseImages', level: 'ERROR', status: 'FAIL', summary: 'docker.io/library/openjdk:17 matches none of 1 allowed'],
        [rule: 'deniedBaseImages', level: 'ERROR', status: 'FAIL', summary: 'docker.io/library/openjdk:17 is denied by openjdk:*'],
        [rule: 'requirePinnedBase', level: 'ERROR', status: 'NOT_SET', summary: 'docker.io/library/openjdk:17, no pinning required'],
        [rule: 'unknownBase', level: 'WARN', status: 'PASS', summary: "docker.io/library/openjdk:17 (from ${evidence})".toString()],
        [rule: 'allowedOperatingSystems', level: 'ERROR', status: 'NOT_SET', summary: "${pretty}, no allow-list set".toString()],
        [rule: 'osEndOfLife', level: 'OFF', status: 'OFF', summary: 'off'],
        [rule: 'osEndOfLifeSoon', level: 'OFF', status: 'OFF', summary: 'off'],
        [rule: 'minJavaVersion', level: 'ERROR', status: 'NOT_SET', summary: "Java ${jdk}, no minimum set".toString()],
        [rule: 'allowedJavaVendors', level: 'ERROR', status: 'NOT_SET', summary: "Java vendor ${vendor}, no allow-list set".toString()],
        [rule: 'minEfficiency', level: 'ERROR', status: 'PASS', summary: 'efficiency 1.0000 in your layers (minimum 0.9)'],
        [rule: 'maxWastedBytes', level: 'ERROR', status: 'NOT_SET', summary: '0 B wasted in your layers, no budget set'],
        [rule: 'maxWastedPercent', level: 'ERROR', status: 'PASS', summary: '0.00 % wasted in your layers (maximum 10 %)'],
        [rule: 'maxReclaimable', level: 'ERROR', status: 'NOT_SET', summary: '0 B reclaimable in your layers (0.00 %), no budget set'],
        [rule: 'noPackageCaches', level: 'WARN', status: 'PASS', summary: 'no caches'],
        [rule: 'historyLint', level: 'WARN', status: 'PASS', summary: 'no issues'],
        [rule: 'noBuildTools', level: 'WARN', status: 'PASS', summary: 'no build tools; 30.1 KB more in the base image\'s layers (#1-#4), not counted: choose a leaner base'],
        [rule: 'javaLayering', level: 'WARN', status: 'PASS', summary: 'no Java application layers found'],
        [rule: 'deniedPackages', level: 'ERROR', status: 'NOT_SET', summary: '0 packages (0 OS, 0 Java), no denied packages set'],
        [rule: 'maxPackageSize', level: 'ERROR', status: 'NOT_SET', summary: 'no packages found'],
        [rule: 'vulnerabilities', level: 'ERROR', status: 'NOT_SET', summary: 'no packages to check'],
        [rule: 'noRootUser', level: 'WARN', status: 'WARN', summary: 'runs as root (no USER)'],
        [rule: 'requireHealthcheck', level: 'WARN', status: 'WARN', summary: 'no HEALTHCHECK'],
        [rule: 'noSensitiveVolumes', level: 'ERROR', status: 'PASS', summary: 'no VOLUME'],
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: 'tags image-hygiene/base-openjdk-app:1.0; base docker.io/library/openjdk:17'],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 3 ENV variables, 2 labels and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: 'no secret; 7 text files scanned, 2 binary skipped'],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
]
def base = [subject: 'base:docker.io/library/openjdk:17']
assert r.findings == [support.located([rule: 'allowedBaseImages', level: 'ERROR', message: allowed - '[allowedBaseImages] '], base),
                      support.located([rule: 'deniedBaseImages', level: 'ERROR', message: denied - '[deniedBaseImages] '], base)] +
                     support.rootAndHealthcheck('own')
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] == [1.0d, 0L, 0.0d, 0L, []]
assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
        [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
assert r.verdict == 'FAIL'

// sbom.cdx.json: the image, named by its tag; its one component the operating system, no package
def b = support.assertSbomOf(sbom, r, pluginVersion)
assert b.metadata.component.name == 'image-hygiene/base-openjdk-app'
assert b.metadata.component.purl == "pkg:oci/base-openjdk-app@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
assert b.components == [[type: 'operating-system', 'bom-ref': 'os:debian-12', name: 'debian', version: '12', description: pretty]]
return true
