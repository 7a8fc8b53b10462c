// budget-breach: busybox-app.docker.tar (4 layers, 2,084,662 bytes of files, what docker images shows) against
// maxSize 1MB and maxLayers 2.
def support = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport))
def log = support.log(basedir)
def p = support.facts(testImages)
def image = new File(testImages, 'busybox-app.docker.tar').path

// What docker / tar say about the fixture (expected.properties), i.e. the numbers behind the lines below.
// maxSize, maxLayerSize and the SIZE column measure the layers' files (contentSize, docker history's layer size):
assert support.longs(p, 'busybox-app.docker.contentSizes') == [1982256L, 0L, 102406L, 0L] // 2.0 MB, 0 B, 102.4 KB, 0 B
assert support.longs(p, 'busybox-app.docker.contentSizes').sum() == 2084662L               // 2.1 MB, 1.1 MB over 1 MB
assert p.getProperty('busybox-app.docker.totalSize') as long == 2084662L                   // docker image inspect .Size
// the tar streams (headers and padding included) stay in report.json as size.uncompressed / layers[].size
assert support.longs(p, 'busybox-app.docker.uncompressedSizes') == [1984512L, 138752L, 105984L, 2560L] // 2,231,808 in all
assert support.longs(p, 'busybox-app.docker.files') == [2L, 269L, 4L, 3L]
assert support.longs(p, 'busybox-app.docker.layers') == [4L]
def digest = p.getProperty('busybox-app.docker.configDigest') // changes when the fixture is rebuilt (build times)
// the COPY source hash the table shows (12 of 64 digits), as docker history has it
assert p.getProperty('busybox-app.docker.createdBy').startsWith('/bin/sh -c #(nop) COPY file:73e2b2d48642')
// The archive itself, read here (tar headers): the same content sizes.
assert support.dockerArchiveFacts(new File(image)).layers*.contentSize == support.longs(p, 'busybox-app.docker.contentSizes')

support.assertBlock(log, [
        "[INFO] Image ${image} (docker-archive, linux/amd64)",
        "[INFO]   digest ${digest}, tags image-hygiene/busybox-app:1.0",
        '[INFO]      #        SIZE  COMPRESSED    FILES  CREATED BY',
        '[INFO]      1      2.0 MB      1.0 MB        2  COPY file:73e2b2d48642 in /bin/busybox',
        '[INFO]      2         0 B      3.4 KB      269  /bin/busybox --install -s /bin',
        '[INFO]      3    102.4 KB       333 B        4  RUN mkdir -p /app/data && echo hello > /app/hello.txt && ...',
        '[INFO]      4         0 B       157 B        3  RUN rm /app/data/blob.bin',
        '[INFO]    all      2.1 MB      1.0 MB      278  4 layers; compressed sizes of uncompressed layers are gzip estimates',
        '[INFO]   Rules:',
        '[INFO]     FAIL     maxSize            2.1 MB of 1 MB',
        '[INFO]     NOT SET  maxCompressedSize  1.0 MB (gzip estimate), no budget set',
        '[INFO]     NOT SET  maxLayerSize       largest layer 2.0 MB, no budget set',
        '[INFO]     FAIL     maxLayers          4 of 2 layers',
        '[INFO]   Verdict: FAIL',
        "[INFO] Report: ${new File(basedir, 'target/image-hygiene/report.json')}",
])
// largest layers by contentSize; #2 and #4 hold no file bytes (symlinks, a whiteout) and are left out; 102,406 B
// is below the budget's unit (1 MB) and is given in KB
def maxSizeBreach = '[maxSize] image is 2.1 MB, 1.1 MB over the budget of 1 MB; largest layers: ' +
        '#1 2.0 MB (COPY file:73e2b2d48642 in /bin/busybox), ' +
        '#3 102.4 KB (RUN mkdir -p /app/data && echo hello > /app/hel...)'
def maxLayersBreach = "[maxLayers] image has 4 layers, 2 over the limit of 2; join consecutive RUN instructions with '&&'" +
        ' and use a multi-stage build to copy only the result'
support.assertBlock(log, [
        "[ERROR] Failed to execute goal io.github.imagehygiene:image-hygiene-maven-plugin:${pluginVersion}:check (default)" +
                " on project budget-breach: Image ${image} has 2 breaches:",
        "[ERROR]   1. ${maxSizeBreach}",
        "[ERROR]   2. ${maxLayersBreach}",
        '[ERROR] -> [Help 1]',
])
support.assertLines(log, ['[INFO] BUILD FAILURE',
                     '[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoFailureException'])
support.assertNoLineStartingWith(log, '[WARNING]')
support.assertNoStackTrace(log)

def r = support.report(new File(basedir, 'target/image-hygiene/report.json'))
support.assertReportConsistent(r)
assert r.image == [source: image, format: 'docker-archive', digest: digest, configDigest: digest,
                   platform: 'linux/amd64', repoTags: ['image-hygiene/busybox-app:1.0']]
assert r.size == [uncompressed: 2231808, compressed: 1035499, compressedEstimated: true,
                  content: p.getProperty('busybox-app.docker.totalSize') as long] // docker's .Size: 2,084,662
assert r.layers*.digest == support.strings(p, 'busybox-app.docker.layerDigests')
assert r.layers*.diffId == support.strings(p, 'busybox-app.docker.diffIds')
assert r.layers*.blobSize == support.longs(p, 'busybox-app.docker.compressedSizes')
assert r.layers*.size == support.longs(p, 'busybox-app.docker.uncompressedSizes')
assert r.layers*.contentSize == support.longs(p, 'busybox-app.docker.contentSizes')
assert r.layers*.files == support.longs(p, 'busybox-app.docker.files')
assert r.layers*.compression == ['none', 'none', 'none', 'none']
assert r.layers*.createdBy == p.getProperty('busybox-app.docker.createdBy').split(/\|/) as List
// uncompressed layers: the compressed sizes are the plugin's gzip estimates (no tool states them)
assert r.layers*.compressedSize == [1031604, 3405, 333, 157]
assert r.rules == [
        [rule: 'maxSize', level: 'ERROR', status: 'FAIL', summary: '2.1 MB of 1 MB'],
        [rule: 'maxCompressedSize', level: 'ERROR', status: 'NOT_SET', summary: '1.0 MB (gzip estimate), no budget set'],
        [rule: 'maxLayerSize', level: 'ERROR', status: 'NOT_SET', summary: 'largest layer 2.0 MB, no budget set'],
        [rule: 'maxLayers', level: 'ERROR', status: 'FAIL', summary: '4 of 2 layers'],
]
assert r.findings == [
        [rule: 'maxSize', level: 'ERROR', message: maxSizeBreach - '[maxSize] '],
        [rule: 'maxLayers', level: 'ERROR', message: maxLayersBreach - '[maxLayers] '],
]
assert r.verdict == 'FAIL'
return true
