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
        '#2 590 B (jib-maven-plugin:3.5.2: classes), #3 63 B (jib-maven-plugin:3.5.2: jvm arg files)'
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ warn-level ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${p.getProperty('jib-app.configDigest')}, tags image-hygiene/jib-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1         0 B       391 B        6  jib-maven-plugin:3.5.2: resources',
        '[INFO]      2       590 B       791 B        7  jib-maven-plugin:3.5.2: classes',
        '[INFO]      3        63 B       345 B        3  jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all       653 B      1.5 KB       16  3 layers',
        '[INFO]   Rules:',
        '[INFO]     WARN     maxSize            653 B of 500 B',
        '[INFO]     NOT SET  maxCompressedSize  1.5 KB, no budget set',
        '[INFO]     NOT SET  maxLayerSize       largest layer 590 B, no budget set',
        '[INFO]     NOT SET  maxLayers          3 layers, no limit set',
        '[INFO]   Verdict: PASS',
        "[WARNING] ${warning}",
        "[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}",
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
assert log.count { it.startsWith('[WARNING]') } == 1
support.assertNoLineStartingWith(log, '[ERROR]')

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
support.assertReportConsistent(r)
assert r.image == [source      : tar.path, format: 'docker-archive', digest: facts.configDigest,
                   configDigest: facts.configDigest, platform: 'linux/amd64', repoTags: ['image-hygiene/jib-app:1.0']]
assert r.size == [uncompressed: 29696, compressed: 1527, compressedEstimated: false, content: 653]
assert r.size.content == p.getProperty('jib-app.totalSize') as long
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index     : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                 compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy : 'jib-maven-plugin:3.5.2']
}
assert r.rules[0] == [rule: 'maxSize', level: 'WARN', status: 'WARN', summary: '653 B of 500 B']
assert r.rules[1..3]*.status == ['NOT_SET', 'NOT_SET', 'NOT_SET']
assert r.findings == [[rule: 'maxSize', level: 'WARN', message: warning - '[maxSize] ']]
assert r.verdict == 'PASS'
return true
