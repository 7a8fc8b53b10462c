// reactor-parallel: three Jib modules built with -T 3, each checked on its own image, each with its own report.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)

support.assertLines(log, [
        '[INFO] Using the MultiThreadedBuilder implementation with a thread count of 3',
        '[INFO] BUILD SUCCESS',
])
// no "not marked as @threadSafe" warning: only the three default-level WARN findings of each module (below)
assert log.count { it.startsWith('[WARNING]') } == 2 * 3
support.assertNoLineStartingWith(log, '[ERROR]')

// Per module: numbers as read from its jib-image.tar here (the facts) and as the plugin prints and reports them.
// Each module's Jib configuration (the parent POM) says <from><image>scratch</image>: every layer is the module's own.
def notSet = '[INFO]     not set: maxCompressedSize, maxLayerSize, maxGrowth, maxCompressedGrowth, allowedBaseImages, deniedBaseImages, requirePinnedBase,' +
        ' unknownBase, allowedOperatingSystems, osEndOfLife, osEndOfLifeSoon, minJavaVersion, allowedJavaVendors,' +
        ' maxWastedBytes, maxReclaimable, deniedPackages, maxPackageSize, vulnerabilities, configAssertions, fileAssertions'
// the rows after the two budgets: the same for the three images (FROM scratch, no USER, no HEALTHCHECK, no ENV, no
// label, every path stored once) but for the tag and the number of text files noSecrets scanned
def rows = { String module, int textFiles ->
    ['[INFO]     PASS  minEfficiency       efficiency 1.0000 (minimum 0.9)',
     '[INFO]     PASS  maxWastedPercent    0.00 % wasted (maximum 10 %)',
     '[INFO]     PASS  noPackageCaches     no caches',
     '[INFO]     PASS  historyLint         no issues',
     '[INFO]     PASS  noBuildTools        no build tools',
     '[INFO]     PASS  javaLayering        no Java application layers found',
     '[INFO]     WARN  noRootUser          runs as root (no USER)',
     '[INFO]     WARN  requireHealthcheck  no HEALTHCHECK',
     '[INFO]     PASS  noSensitiveVolumes  no VOLUME',
     "[INFO]     PASS  noLatestTag         tags image-hygiene-it/${module}:1.0; base scratch".toString(),
     '[INFO]     PASS  noSecretKeys        no secret-looking key in 0 ENV variables, 0 labels and the history',
     "[INFO]     PASS  noSecrets           no secret; ${textFiles} text files scanned".toString(),
     '[INFO]     PASS  noSetuidFiles       no setuid/setgid file',
     '[INFO]     PASS  noWorldWritable     no world-writable file',
     '[INFO]     PASS  noEmptyPasswords    no /etc/shadow or /etc/passwd',
     '[INFO]     PASS  uniqueIds           no /etc/passwd or /etc/group',
     '[INFO]     PASS  noStrayFiles        no stray file',
     notSet]
}
// report.json's rules after the four budgets: the same for the three images, FROM scratch, no package
def scratchRules = { String module, int textFiles -> [
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
        [rule: 'noLatestTag', level: 'WARN', status: 'PASS', summary: "tags image-hygiene-it/${module}:1.0; base scratch".toString()],
        [rule: 'noSecretKeys', level: 'ERROR', status: 'PASS', summary: 'no secret-looking key in 0 ENV variables, 0 labels and the history'],
        [rule: 'noSecrets', level: 'ERROR', status: 'PASS', summary: "no secret; ${textFiles} text files scanned".toString()],
        [rule: 'noSetuidFiles', level: 'WARN', status: 'PASS', summary: 'no setuid/setgid file'],
        [rule: 'noWorldWritable', level: 'WARN', status: 'PASS', summary: 'no world-writable file'],
        [rule: 'noEmptyPasswords', level: 'ERROR', status: 'PASS', summary: 'no /etc/shadow or /etc/passwd'],
        [rule: 'uniqueIds', level: 'ERROR', status: 'PASS', summary: 'no /etc/passwd or /etc/group'],
        [rule: 'noStrayFiles', level: 'WARN', status: 'PASS', summary: 'no stray file'],
        [rule: 'configAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no config assertion set'],
        [rule: 'fileAssertions', level: 'ERROR', status: 'NOT_SET', summary: 'no file assertion set'],
] }
def expected = [
        alpha: [sizes: [7168L, 9728L, 6656L], blobs: [303L, 683L, 325L], files: [4, 5, 3], content: [0L, 531L, 40L],
                table: ['[INFO]      1         0 B       303 B        4  own   jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       531 B       683 B        5  own   jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        40 B       325 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all       571 B      1.3 KB       12        3 layers'],
                packages: '[INFO]   Packages: none; 0 B of 571 B in files attributed, 571 B to no package',
                rules: ['[INFO]     PASS  maxSize             571 B of 300 MB',
                        '[INFO]     PASS  maxLayers           3 of 3 layers'],
                report: [[rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '571 B of 300 MB'],
                         [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.3 KB, no budget set'],
                         [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 531 B, no budget set'],
                         [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '3 of 3 layers'],
                         [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
                         [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set']],
                size : [uncompressed: 23552, compressed: 1311, compressedEstimated: false, content: 571]],
        beta : [sizes: [12800L, 9728L, 6656L], blobs: [425L, 684L, 325L], files: [5, 5, 3], content: [4096L, 528L, 39L],
                table: ['[INFO]      1      4.1 KB       425 B        5  own   jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       528 B       684 B        5  own   jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        39 B       325 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all      4.7 KB      1.4 KB       13        3 layers'],
                packages: '[INFO]   Packages: none; 0 B of 4.7 KB in files attributed, 4.7 KB to no package',
                rules: ['[INFO]     PASS  maxSize             4.7 KB of 300 MB',
                        '[INFO]     PASS  maxLayers           3 of 3 layers'],
                report: [[rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '4.7 KB of 300 MB'],
                         [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.4 KB, no budget set'],
                         [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 4.1 KB, no budget set'],
                         [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '3 of 3 layers'],
                         [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
                         [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set']],
                size : [uncompressed: 29184, compressed: 1434, compressedEstimated: false, content: 4663]],
        gamma: [sizes: [25088L, 9728L, 6656L], blobs: [484L, 683L, 325L], files: [5, 5, 3], content: [16384L, 531L, 40L],
                table: ['[INFO]      1     16.4 KB       484 B        5  own   jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       531 B       683 B        5  own   jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        40 B       325 B        3  own   jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all     17.0 KB      1.5 KB       13        3 layers'],
                packages: '[INFO]   Packages: none; 0 B of 17.0 KB in files attributed, 17.0 KB to no package',
                rules: ['[INFO]     PASS  maxSize             17.0 KB of 300 MB',
                        '[INFO]     PASS  maxLayers           3 of 3 layers'],
                report: [[rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '17.0 KB of 300 MB'],
                         [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.5 KB, no budget set'],
                         [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 16.4 KB, no budget set'],
                         [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '3 of 3 layers'],
                         [rule: 'maxGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set'],
                         [rule: 'maxCompressedGrowth', level: 'ERROR', status: 'NOT_SET', summary: 'no baseline, no budget set']],
                size : [uncompressed: 41472, compressed: 1492, compressedEstimated: false, content: 16955]],
]

expected.each { String module, Map e ->
    def dir = new File(basedir, module)
    def tar = new File(dir, 'target/jib-image.tar')
    def facts = support.dockerArchiveFacts(tar)
    assert facts.repoTags == ["image-hygiene-it/${module}:1.0".toString()]
    assert facts.layers*.size == e.sizes
    assert facts.layers*.blobSize == e.blobs
    assert facts.layers*.files == e.files
    assert facts.layers*.contentSize == e.content
    assert facts.config.rootfs.diff_ids == facts.layers*.diffId

    def report = new File(dir, 'target/image-hygiene/report.json')
    def sbom = new File(dir, 'target/image-hygiene/sbom.cdx.json')
    // the final filesystem, built here: the file bytes no package accounts for
    def fs = support.finalFilesystem(tar)
    assert support.fileBytes(fs) == e.content.sum()
    // what the security rules read: no USER, HEALTHCHECK, ENV, label or VOLUME; the text files noSecrets scans are
    // every file but the classes (skipped by their type): Jib's two, and the resource file of beta and gamma
    def config = facts.config.config ?: [:]
    assert !config.User && !config.Healthcheck && !config.Env && !config.Labels && !config.Volumes
    int textFiles = fs.findAll { k, v -> v.type == 'file' && !k.endsWith('.class') }.size()
    assert textFiles == (module == 'alpha' ? 2 : 3) && !fs.keySet().any { it.startsWith('etc/') }
    // layer hygiene, computed here as dive does: every path stored once
    def hygiene = support.hygieneFacts(tar)
    assert hygiene.efficiency == 1.0d && hygiene.wastedBytes == 0L && hygiene.inefficient == [:] && hygiene.reclaimable == []
    support.assertInOrder(log, [
            "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ ${module} ---",
            "[INFO] Image ${tar} (docker-archive, linux/amd64)",
            "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/${module}:1.0",
            '[INFO]      #        SIZE  COMPRESSED    FILES  BASE  CREATED BY',
            *e.table,
            '[INFO]   Base image: scratch; no base layers (scratch base)',
            '[INFO]     jib-maven-plugin <from><image>: scratch',
            '[INFO]   OS: none found',
            '[INFO]   Java: none found',
            e.packages,
            *support.largestLines(tar),
            '[INFO]   Rules:',
            *e.rules,
            *rows(module, textFiles),
            '[INFO]   Verdict: PASS',
            support.NO_ROOT_USER_WARNING,
            support.NO_HEALTHCHECK_WARNING,
            "[INFO] Report: ${report}",
            "[INFO] SBOM: ${sbom}",
            *support.moreReports(dir),
    ])
    // Reactor Summary row (only the time varies)
    assert log.count { it ==~ /\[INFO\] ${module} \.+ SUCCESS \[ *\d+\.\d+ s\]/ } == 1

    def r = support.report(report)
    support.assertReportConsistent(r)
    assert r.image == [source   : tar.path, format: 'docker-archive', digest: facts.configDigest,
                       configDigest: facts.configDigest, platform: 'linux/amd64',
                       repoTags : ["image-hygiene-it/${module}:1.0".toString()]]
    assert r.size == e.size
    assert r.size.uncompressed == e.sizes.sum()
    assert r.size.content == e.content.sum() // what maxSize measured (and docker images would show)
    r.layers.eachWithIndex { l, i ->
        def f = facts.layers[i]
        assert l == [index     : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                     compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                     createdBy : 'jib-maven-plugin:3.5.2', base: false]
    }
    assert r.rules == e.report + scratchRules(module, textFiles)
    assert r.baseImage == [name  : 'scratch', digest: null, evidence: [[source: 'jib-maven-plugin <from><image>', value: 'scratch']],
                           conflicts: [], layers: 0, layersBy: 'scratch base']
    assert r.os == null && r.java == null
    assert r.inventory == [os             : [id: '', versionId: '', distro: ''], counts: [:], fileBytes: support.fileBytes(fs),
                           attributedBytes: 0, unattributedBytes: support.fileBytes(fs), packages: [], largest: []]
    assert r.findings == support.rootAndHealthcheck('own')
    assert [r.efficiency, r.wastedBytes, r.userWastedPercent, r.reclaimableBytes, r.reclaimable] ==
            [hygiene.efficiency, hygiene.wastedBytes, hygiene.userWastedPercent, hygiene.reclaimableBytes, hygiene.reclaimable]
    assert r.verdict == 'PASS'

    // each module's own SBOM: its image, by its tag, no package
    def b = support.assertSbomOf(sbom, r, pluginVersion)
    assert b.metadata.component.name == "image-hygiene-it/${module}".toString()
    assert b.metadata.component.purl == "pkg:oci/${module}@${facts.configDigest.replace(':', '%3A')}?tag=1.0".toString()
    assert b.components == null
}
// the three modules' images really differ
assert expected.values()*.size*.uncompressed.unique().size() == 3
assert expected.values()*.size*.content.unique().size() == 3
return true
