// oci-archive-input: tiny.oci.tar (skopeo oci-archive, 3 gzip layers, ref name 1.0) within four budgets.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def image = new File(testImages, 'tiny.oci.tar').path

assert p.getProperty('tiny.oci.format') == 'oci-archive'
// the layers' file bytes (docker history's layer sizes): what maxSize, maxLayerSize and the SIZE column measure
assert support.longs(p, 'tiny.oci.contentSizes') == [3072L, 12288L, 40960L]      // 3.1 KB, 12.3 KB, 41.0 KB (= 40.0 KiB)
assert support.longs(p, 'tiny.oci.contentSizes').sum() == 56320L                 // 56.3 KB of 100 KB
// the same image as tiny.docker.tar, whose .Size docker image inspect stated when it was loaded
assert support.strings(p, 'tiny.oci.diffIds') == support.strings(p, 'tiny.docker.diffIds')
assert p.getProperty('tiny.docker.totalSize') as long == 56320L
assert support.longs(p, 'tiny.oci.uncompressedSizes') == [5120L, 14336L, 43008L] // the tar streams: 62,464 in all
assert support.longs(p, 'tiny.oci.compressedSizes') == [229L, 269L, 370L]         // 868 B = 0.9 KB of 1 KB
assert support.longs(p, 'tiny.oci.files') == [2L, 2L, 2L]
assert p.getProperty('tiny.oci.manifestDigest') == 'sha256:d46a14e553e41036f9c0e2e0b557c3379258588c46354c53d8766ff5a019e478'
assert p.getProperty('tiny.oci.refName') == '1.0'
assert p.getProperty('tiny.oci.createdBy').split(/\|/).collect { it.replaceAll(/^.*COPY (file:\p{XDigit}{12})\p{XDigit}{52} (in \S+) $/, 'COPY $1 $2') } ==
        ['COPY file:20a6fed4d235 in /data/small.txt', 'COPY file:b373a819b97e in /data/medium.txt',
         'COPY file:ee399bfb1bf8 in /data/large.txt']

support.assertBlock(log, [
        "[INFO] --- image-hygiene:${pluginVersion}:check (default) @ oci-archive-input ---",
        "[INFO] Image ${image} (oci-archive, linux/amd64)",
        '[INFO]   digest sha256:d46a14e553e41036f9c0e2e0b557c3379258588c46354c53d8766ff5a019e478, tags 1.0',
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1      3.1 KB       229 B        2  COPY file:20a6fed4d235 in /data/small.txt',
        '[INFO]      2     12.3 KB       269 B        2  COPY file:b373a819b97e in /data/medium.txt',
        '[INFO]      3     41.0 KB       370 B        2  COPY file:ee399bfb1bf8 in /data/large.txt',
        '[INFO]    all     56.3 KB       868 B        6  3 layers',
        '[INFO]   Rules:',
        '[INFO]     PASS     maxSize            56.3 KB of 100 KB',
        '[INFO]     PASS     maxCompressedSize  0.9 KB of 1 KB',
        '[INFO]     PASS     maxLayerSize       largest layer 40.0 KiB of 50 KiB',
        '[INFO]     PASS     maxLayers          3 of 3 layers',
        '[INFO]   Verdict: PASS',
        "[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}",
])
support.assertLines(log, ['[INFO] BUILD SUCCESS'])
support.assertNoLineStartingWith(log, '[WARNING]', '[ERROR]')

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
support.assertReportConsistent(r)
assert r.image == [source      : image, format: 'oci-archive', digest: p.getProperty('tiny.oci.manifestDigest'),
                   configDigest: p.getProperty('tiny.oci.configDigest'), platform: 'linux/amd64', repoTags: ['1.0']]
assert r.size == [uncompressed: 62464, compressed: 868, compressedEstimated: false, content: 56320]
assert r.size.content == p.getProperty('tiny.docker.totalSize') as long // docker's .Size of the same image
assert r.layers*.digest == support.strings(p, 'tiny.oci.layerDigests')
assert r.layers*.diffId == support.strings(p, 'tiny.oci.diffIds')
assert r.layers*.compressedSize == support.longs(p, 'tiny.oci.compressedSizes')
assert r.layers*.blobSize == support.longs(p, 'tiny.oci.compressedSizes')
assert r.layers*.size == support.longs(p, 'tiny.oci.uncompressedSizes')
assert r.layers*.contentSize == support.longs(p, 'tiny.oci.contentSizes')
assert r.layers*.files == support.longs(p, 'tiny.oci.files')
assert r.layers*.compression == ['gzip', 'gzip', 'gzip']
assert r.layers*.createdBy == p.getProperty('tiny.oci.createdBy').split(/\|/) as List
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'PASS', summary: '56.3 KB of 100 KB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'PASS', summary: '0.9 KB of 1 KB'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'PASS', summary: 'largest layer 40.0 KiB of 50 KiB'],
        [rule: 'maxLayers', level: 'ERROR', status: 'PASS', summary: '3 of 3 layers'],
]
assert r.findings == []
assert r.verdict == 'PASS'
return true
