// jar-identity: the project depends on org.springframework:spring-jcl, a jar built by Gradle without
// META-INF/maven/**/pom.properties; Jib puts it in /app/libs. The check names its groupId from the project's resolved
// dependency whose file has the jar's sha1, and says so: evidence "project dependency sha1" in report.json and the SBOM.
import java.security.MessageDigest
import java.util.zip.ZipInputStream

def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def tar = new File(basedir, 'target/jib-image.tar')
def facts = support.dockerArchiveFacts(tar)
def sha1 = { byte[] b -> MessageDigest.getInstance('SHA-1').digest(b).encodeHex().toString() }

// The dependency as the pom declares it: the purl the jar must get.
def dep = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(basedir, 'pom.xml')).getElementsByTagName('dependency').item(0)
def text = { String tag -> dep.getElementsByTagName(tag).item(0).textContent.trim() }
def (group, artifact, version) = [text('groupId'), text('artifactId'), text('version')]
assert [group, artifact, version] == ['org.springframework', 'spring-jcl', '6.2.12']
def purl = "pkg:maven/${group}/${artifact}@${version}".toString()
def jarPath = "/app/libs/${artifact}-${version}.jar".toString()

// The jar in the image, read here from Jib's layers: no pom.properties (nothing in it names its group), and the very
// bytes Maven resolved into this build's local repository.
def fs = support.finalFilesystem(tar)
byte[] jar = fs[jarPath.substring(1)].data as byte[]
def entries = []
new ZipInputStream(new ByteArrayInputStream(jar)).withCloseable { z -> for (def e; (e = z.nextEntry) != null;) { entries << e.name } }
assert entries.contains('META-INF/MANIFEST.MF') && entries.contains('org/apache/commons/logging/LogFactory.class')
assert !entries.any { it.startsWith('META-INF/maven/') }
File resolved = new File(itRepository, "${group.replace('.', '/')}/${artifact}/${version}/${artifact}-${version}.jar")
assert sha1(resolved.bytes) == sha1(jar)
// where the developer's repository keeps Maven Central's checksum of it, that too
File central = new File(resolved.path.replace(new File(itRepository).path, userRepository) + '.sha1')
if (central.isFile()) {
    assert central.text.trim().split(/\s+/)[0] == sha1(jar)
}

// Jib's four layers: the dependency first, then resources, classes, jvm arg files.
assert facts.repoTags == ['image-hygiene-it/jar-identity:1.0']
assert facts.layers*.contentSize == [(long) jar.length, 0L, facts.layers[2].contentSize, facts.layers[3].contentSize]
assert facts.layers*.files == [3, 4, 5, 3]
assert facts.config.history*.created_by.every { it.startsWith('jib-maven-plugin:') }
long fileBytes = support.fileBytes(fs)
assert fileBytes == facts.layers*.contentSize.sum()
def row = { String size, String compressed, int n, String by, int files ->
    String.format(Locale.ROOT, '[INFO]   %4d  %10s  %10s  %7d  own   %s', n, size, compressed, files, by)
}

def report = new File(basedir, 'target/image-hygiene/report.json')
def denied = "[WARNING] [deniedPackages] ${group}:${artifact} ${version} (${purl}) in ${jarPath}, layer #1" +
        " (jib-maven-plugin:3.5.2: dependencies) is denied by pkg:maven/org.springframework/spring-jcl@[6.0,6.2.12]:" +
        ' a rule sees the purl too'
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ jar-identity ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/jar-identity:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
        *[['dependencies', 'resources', 'classes', 'jvm arg files'], facts.layers].transpose().collect { by, l ->
            row(support.human(l.contentSize as long), support.human(l.blobSize as long), l.index as int,
                    'jib-maven-plugin:3.5.2: ' + by, l.files as int)
        },
        String.format(Locale.ROOT, '[INFO]    all  %10s  %10s  %7d        4 layers', support.human(fileBytes),
                support.human(facts.layers*.blobSize.sum() as long), facts.layers*.files.sum() as int),
        '[INFO]   Base image: scratch; no base layers (scratch base)',
        '[INFO]     jib-maven-plugin <from><image>: scratch',
        '[INFO]   OS: none found',
        '[INFO]   Java: none found',
        "[INFO]   Packages: 1 maven; ${support.human(jar.length)} of ${support.human(fileBytes)} in files attributed," +
                " ${support.human(fileBytes - jar.length)} to no package",
        '[INFO]        BYTES  PACKAGE                                       VERSION                LAYER',
        String.format(Locale.ROOT, '[INFO]   %10s  %-44s  %-22s %s', support.human(jar.length),
                "${group}:${artifact} (maven)", version, '#1'),
        *support.largestLines(tar),
        '[INFO]   Rules:',
        "[INFO]     PASS  maxSize             ${support.human(fileBytes)} of 300 MB",
        '[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
        '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
        '[INFO]     PASS  noPackageCaches     no caches',
        '[INFO]     PASS  historyLint         no issues',
        '[INFO]     PASS  noBuildTools        no build tools',
        '[INFO]     PASS  javaLayering        layered (Jib: dependencies #1, application #3)',
        '[INFO]     WARN  deniedPackages      1 denied of 1 package (0 OS, 1 Java)',
        // no record of the ITs' database (real GHSA records up to 2024) names spring-jcl
        '[INFO]     PASS  vulnerabilities     no known vulnerability in 1 package checked',
        '[INFO]     WARN  noRootUser          runs as root (no USER)',
        '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
        '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
        '[INFO]     PASS  noLatestTag         tags image-hygiene-it/jar-identity:1.0; base scratch',
        '[INFO]     PASS  noSecretKeys        no secret-looking key in 0 ENV variables, 0 labels and the history',
        '[INFO]     PASS  noSecrets           no secret; 2 text files scanned',
        '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
        '[INFO]     PASS  noWorldWritable     no world-writable file',
        '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
        '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
        '[INFO]     PASS  noStrayFiles        no stray file',
        '[INFO]     not set: maxCompressedSize, maxLayerSize, maxLayers, maxGrowth, maxCompressedGrowth, allowedBaseImages, deniedBaseImages,' +
                ' requirePinnedBase, unknownBase, allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon,' +
                ' minJavaVersion, allowedJavaVendors, maxWastedBytes, maxReclaimable, maxPackageSize,' +
                ' configAssertions, fileAssertions',
        '[INFO]   Verdict: PASS',
        denied,
        support.NO_ROOT_USER_WARNING,
        support.NO_HEALTHCHECK_WARNING,
        *support.allReports(basedir),
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
assert log.count { it.startsWith('[WARNING]') } == 3
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(report)
support.assertReportConsistent(r)
def layer1 = r.layers[0]
assert [layer1.digest, layer1.contentSize] == [facts.layers[0].digest, (long) jar.length]
// the jar: its purl, and how it was identified
assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [maven: 1], fileBytes: fileBytes,
                       attributedBytes: jar.length, unattributedBytes: fileBytes - jar.length,
                       packages       : [[purl: purl, version: version, bytes: jar.length, evidence: 'project dependency sha1']],
                       largest        : [[type : 'maven', group: group, name: artifact, version: version, purl: purl,
                                          bytes: jar.length, files: 1, layer: 1, layerDigest: facts.layers[0].digest,
                                          location: jarPath]]]
assert r.rules.find { it.rule == 'deniedPackages' } ==
        [rule: 'deniedPackages', level: 'WARN', status: 'WARN', summary: '1 denied of 1 package (0 OS, 1 Java)']
assert r.rules.find { it.rule == 'vulnerabilities' } == [rule: 'vulnerabilities', level: 'ERROR', status: 'PASS',
        summary: 'no known vulnerability in 1 package checked']
assert r.vulnerabilities == []
assert r.rules.find { it.rule == 'maxPackageSize' } == [rule: 'maxPackageSize', level: 'ERROR', status: 'NOT_SET',
        summary: "largest package ${group}:${artifact} ${support.human(jar.length)}, no budget set".toString()]
assert r.findings == [support.finding(denied, [subject: purl + ' pkg:maven/org.springframework/spring-jcl@[6.0,6.2.12]',
                                               path   : jarPath, layer: 1, origin: 'own']),
                      *support.rootAndHealthcheck('own')]
assert r.verdict == 'PASS'

// sbom.cdx.json: the jar with its purl, its sha1 and the same evidence
def b = support.assertSbomOf(new File(basedir, 'target/image-hygiene/sbom.cdx.json'), r, pluginVersion)
assert b.components.size() == 1
def c = b.components[0]
assert [c.type, c['bom-ref'], c.group, c.name, c.version, c.purl] == ['library', jarPath, group, artifact, version, purl]
assert c.hashes == [[alg: 'SHA-1', content: sha1(jar)]]
assert c.evidence == [occurrences: [[location: jarPath]]]
Map<String, String> props = c.properties.collectEntries { [(it.name): it.value] }
assert props == ['image-hygiene:layer:index' : '1', 'image-hygiene:layer:digest': facts.layers[0].digest,
                 'image-hygiene:layer:diffId': facts.layers[0].diffId, 'image-hygiene:bytes': jar.length as String,
                 'image-hygiene:evidence'    : 'project dependency sha1']
return true
