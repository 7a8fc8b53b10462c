// reactor-parallel: three Jib modules built with -T 3, each checked on its own image, each with its own report.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)

support.assertLines(log, [
        '[INFO] Using the MultiThreadedBuilder implementation with a thread count of 3',
        '[INFO] BUILD SUCCESS',
])
// no "not marked as @threadSafe" warning, no other warning
support.assertNoLineStartingWith(log, '[WARNING]', '[ERROR]')

// Per module: numbers as read from its jib-image.tar here (the facts) and as the plugin prints and reports them.
def expected = [
        alpha: [sizes: [7168L, 9728L, 6656L], blobs: [303L, 683L, 325L], files: [4, 5, 3], content: [0L, 531L, 40L],
                table: ['[INFO]      1         0 B       303 B        4  jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       531 B       683 B        5  jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        40 B       325 B        3  jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all       571 B      1.3 KB       12  3 layers'],
                rules: ['[INFO]     PASS     maxSize            571 B of 300 MB',
                        '[INFO]     NOT SET  maxCompressedSize  1.3 KB, no budget set',
                        '[INFO]     NOT SET  maxLayerSize       largest layer 531 B, no budget set',
                        '[INFO]     PASS     maxLayers          3 of 3 layers'],
                size : [uncompressed: 23552, compressed: 1311, compressedEstimated: false, content: 571]],
        beta : [sizes: [12800L, 9728L, 6656L], blobs: [425L, 684L, 325L], files: [5, 5, 3], content: [4096L, 528L, 39L],
                table: ['[INFO]      1      4.1 KB       425 B        5  jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       528 B       684 B        5  jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        39 B       325 B        3  jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all      4.7 KB      1.4 KB       13  3 layers'],
                rules: ['[INFO]     PASS     maxSize            4.7 KB of 300 MB',
                        '[INFO]     NOT SET  maxCompressedSize  1.4 KB, no budget set',
                        '[INFO]     NOT SET  maxLayerSize       largest layer 4.1 KB, no budget set',
                        '[INFO]     PASS     maxLayers          3 of 3 layers'],
                size : [uncompressed: 29184, compressed: 1434, compressedEstimated: false, content: 4663]],
        gamma: [sizes: [25088L, 9728L, 6656L], blobs: [484L, 683L, 325L], files: [5, 5, 3], content: [16384L, 531L, 40L],
                table: ['[INFO]      1     16.4 KB       484 B        5  jib-maven-plugin:3.5.2: resources',
                        '[INFO]      2       531 B       683 B        5  jib-maven-plugin:3.5.2: classes',
                        '[INFO]      3        40 B       325 B        3  jib-maven-plugin:3.5.2: jvm arg files',
                        '[INFO]    all     17.0 KB      1.5 KB       13  3 layers'],
                rules: ['[INFO]     PASS     maxSize            17.0 KB of 300 MB',
                        '[INFO]     NOT SET  maxCompressedSize  1.5 KB, no budget set',
                        '[INFO]     NOT SET  maxLayerSize       largest layer 16.4 KB, no budget set',
                        '[INFO]     PASS     maxLayers          3 of 3 layers'],
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
    support.assertInOrder(log, [
            "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ ${module} ---",
            "[INFO] Image ${tar} (docker-archive, linux/amd64)",
            "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/${module}:1.0",
            '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
            *e.table,
            '[INFO]   Rules:',
            *e.rules,
            '[INFO]   Verdict: PASS',
            "[INFO] Report: ${report}",
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
                     createdBy : 'jib-maven-plugin:3.5.2']
    }
    assert r.rules*.status == ['PASS', 'NOT_SET', 'NOT_SET', 'PASS']
    assert r.findings == []
    assert r.verdict == 'PASS'
}
// the three modules' images really differ
assert expected.values()*.size*.uncompressed.unique().size() == 3
assert expected.values()*.size*.content.unique().size() == 3
return true
