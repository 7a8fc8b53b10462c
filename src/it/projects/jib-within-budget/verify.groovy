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

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ jib-within-budget ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${facts.configDigest}, tags image-hygiene-it/jib-within-budget:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1         0 B       304 B        4  jib-maven-plugin:3.5.2: resources',
        '[INFO]      2       541 B       689 B        5  jib-maven-plugin:3.5.2: classes',
        '[INFO]      3        41 B       327 B        3  jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all       582 B      1.3 KB       12  3 layers',
        '[INFO]   Rules:',
        '[INFO]     PASS     maxSize            582 B of 300 MB',
        '[INFO]     NOT SET  maxCompressedSize  1.3 KB, no budget set',
        '[INFO]     NOT SET  maxLayerSize       largest layer 541 B, no budget set',
        '[INFO]     NOT SET  maxLayers          3 layers, no limit set',
        '[INFO]   Verdict: PASS',
        "[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}",
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
support.assertNoLineStartingWith(log, '[WARNING]', '[ERROR]')

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
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
                 createdBy : 'jib-maven-plugin:3.5.2']
}
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '582 B of 300 MB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.3 KB, no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 541 B, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'NOT_SET', summary: '3 layers, no limit set'],
]
assert r.findings == []
assert r.verdict == 'PASS'
return true
