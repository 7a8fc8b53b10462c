// warn-level: jib-app.tar (29,696 bytes uncompressed) over maxSize 10KB with <levels><maxSize>WARN: a warning, no failure.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def tar = new File(testImages, 'jib-app.tar')

// The numbers behind the lines below, from expected.properties and from reading the archive here.
assert support.longs(p, 'jib-app.uncompressedSizes') == [10240L, 12800L, 6656L] // 10.2 KB, 12.8 KB, 6.7 KB; 29.7 KB in all
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

def warning = '[maxSize] image is 29.7 KB, 19.7 KB over the budget of 10 KB; largest layers: ' +
        '#2 12.8 KB (jib-maven-plugin:3.5.2: classes), #1 10.2 KB (jib-maven-plugin:3.5.2: resources), ' +
        '#3 6.7 KB (jib-maven-plugin:3.5.2: jvm arg files)'
support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ warn-level ---",
        "[INFO] Image ${tar} (docker-archive, linux/amd64)",
        "[INFO]   digest ${p.getProperty('jib-app.configDigest')}, tags image-hygiene/jib-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1     10.2 KB       391 B        6  jib-maven-plugin:3.5.2: resources',
        '[INFO]      2     12.8 KB       791 B        7  jib-maven-plugin:3.5.2: classes',
        '[INFO]      3      6.7 KB       345 B        3  jib-maven-plugin:3.5.2: jvm arg files',
        '[INFO]    all     29.7 KB      1.5 KB       16  3 layers',
        '[INFO]   Rules:',
        '[INFO]     WARN     maxSize            29.7 KB of 10 KB',
        '[INFO]     NOT SET  maxCompressedSize  1.5 KB, no budget set',
        '[INFO]     NOT SET  maxLayerSize       largest layer 12.8 KB, no budget set',
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
r.layers.eachWithIndex { l, i ->
    def f = facts.layers[i]
    assert l == [index     : i + 1, digest: f.digest, diffId: f.diffId, compressedSize: f.blobSize, blobSize: f.blobSize,
                 compression: 'gzip', size: f.size, contentSize: f.contentSize, files: f.files,
                 createdBy : 'jib-maven-plugin:3.5.2']
}
assert r.rules[0] == [rule: 'maxSize', level: 'WARN', status: 'WARN', summary: '29.7 KB of 10 KB']
assert r.rules[1..3]*.status == ['NOT_SET', 'NOT_SET', 'NOT_SET']
assert r.findings == [[rule: 'maxSize', level: 'WARN', message: warning - '[maxSize] ']]
assert r.verdict == 'PASS'
return true
